/**
 * Layers over images stored NHWC (one image per matrix row: pixel after pixel, channels innermost): 2-D
 * convolution as GEMMs over chunks of unfolded images, max and average pooling, flattening, and batch normalization
 * (per channel for images, per unit for vectors). The loops they run live in {@code dev.tensile.kernel}.
 */
package dev.tensile.nn.conv;
