/**
 * Tensile networks as Tribuo citizens: a {@code Trainer<Label>} and a {@code Trainer<Regressor>} that train them,
 * and the models they return, which carry their feature layout, scaling and provenance, so Tribuo's evaluators and
 * cross-validation work on them unchanged.
 */
package dev.tensile.tribuo;
