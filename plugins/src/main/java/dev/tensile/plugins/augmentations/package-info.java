/**
 * Built-in augmentations, found through META-INF/services exactly like a third-party jar's. {@code gaussian-noise}
 * and {@code mixup} work on any input; the image ones take the image shape as parameters and read each batch row
 * as one image [height, width, channels], channels last as the image sources give them (see {@code ImageShape}).
 */
package dev.tensile.plugins.augmentations;
