/**
 * What the tests of several modules share, never shipped: model descriptions by the built-in layer plugins' names
 * ({@link dev.tensile.testing.Specs}) and crafted model files and checkpoints
 * ({@link dev.tensile.testing.ModelFileEdits}). Depends on framework-core alone.
 */
package dev.tensile.testing;
