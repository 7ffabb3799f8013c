/**
 * Tensile networks as Tribuo citizens: a {@code Trainer<Label>} that trains them and the {@code Model<Label>} it
 * returns, with provenance, so Tribuo's evaluators and cross-validation work on them unchanged.
 */
package dev.tensile.tribuo;
