/**
 * Built-in regularizers, found through META-INF/services exactly like a third-party jar's: weight penalties
 * ({@code l2}, {@code l1}, {@code elastic-net}, all with the same λ/m scaling) and {@code dropout} on activations.
 * The max-norm constraint is a projection after the optimizer step, which the regularizer SPI has no hook for; it
 * lives in the callbacks package as {@code max-norm}.
 */
package dev.tensile.plugins.regularizers;
