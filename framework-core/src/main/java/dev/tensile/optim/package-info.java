/** Optimizers that turn gradients into parameter updates. */
package dev.tensile.optim;
