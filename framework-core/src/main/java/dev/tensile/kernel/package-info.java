/**
 * The hot loops of Tensile: a blocked float32 GEMM, fused elementwise kernels ({@link
 * dev.tensile.kernel.VectorOps}) and the one compute pool they split work over. Each kernel has a Vector API
 * implementation and a portable scalar one with the same structure; {@link dev.tensile.kernel.GemmProvider}
 * picks one at start-up and logs why; {@link dev.tensile.kernel.KernelConfig} fits the Vector API one's tile and
 * cache blocking to the machine (the OS's cache sizes, or what {@code tensile bench tune} measured). Results do not depend on the thread count: work is split over the
 * output, never over a reduction.
 */
package dev.tensile.kernel;
