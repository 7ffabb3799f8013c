/** The bridge to Tribuo's evaluators, and the diagnosis of bias and variance built on what they report. */
package dev.tensile.eval;
