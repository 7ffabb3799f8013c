/**
 * The bridge to Tribuo's evaluators (evaluation, error rates, cross-validation), the diagnosis of bias and variance
 * built on what they report, and the text printed for each.
 */
package dev.tensile.eval;
