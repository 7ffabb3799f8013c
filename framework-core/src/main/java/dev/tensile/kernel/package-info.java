/**
 * The hot loops of Tensile: a blocked float32 GEMM and the compute pool it splits work over. Each kernel has
 * a Vector API implementation and a portable scalar one with the same structure; {@link
 * dev.tensile.kernel.GemmProvider} picks one at start-up and logs why. Results do not depend on the thread
 * count: work is split over the output, never over a reduction.
 */
package dev.tensile.kernel;
