/**
 * Built-in regularizers, found through META-INF/services exactly like a third-party jar's: weight penalties
 * ({@code l2}, {@code l1}, {@code elastic-net}, all with the same λ/m scaling) and the {@code max-norm} weight
 * constraint, a projection after each optimizer step. Dropout, noise on activations, is a layer
 * ({@code dev.tensile.plugins.layers}).
 */
package dev.tensile.plugins.regularizers;
