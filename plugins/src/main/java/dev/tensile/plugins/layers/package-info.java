/**
 * Built-in layer plugins, found through META-INF/services exactly like a third-party jar's: {@code dense} and
 * {@code dropout}. Each owns its parameters, shapes, slots, forward and backward; see {@code docs/layers.md}.
 */
package dev.tensile.plugins.layers;
