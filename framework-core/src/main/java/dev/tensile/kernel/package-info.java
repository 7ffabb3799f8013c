/**
 * The float32 compute kernels under every forward and backward pass. {@link dev.tensile.kernel.GemmProvider}
 * picks the implementation once per process; nothing outside this package depends on which one runs.
 */
package dev.tensile.kernel;
