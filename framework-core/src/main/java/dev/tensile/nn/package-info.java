/**
 * Layers, the sequential network and losses: the forward and backward passes, written against the kernel's GEMM
 * and the plugin workers, with buffers owned by the layers and reused each step.
 */
package dev.tensile.nn;
