/**
 * The training loop, what callbacks see of it ({@link dev.tensile.spi.TrainingContext}) and the per-epoch
 * history it leaves behind.
 */
package dev.tensile.train;
