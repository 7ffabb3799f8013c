/**
 * Layers over images stored NHWC (one image per matrix row: pixel after pixel, channels innermost): 2-D
 * convolution as one GEMM over the unfolded batch, max and average pooling, flattening, and batch normalization
 * (per channel for images, per unit for vectors). The loops they run live in {@code dev.tensile.kernel}.
 */
package dev.tensile.nn.conv;
