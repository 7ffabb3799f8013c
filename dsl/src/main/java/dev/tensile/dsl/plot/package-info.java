/**
 * Plots as PNG files, drawn with XChart: train and dev loss curves, decision boundaries of 2-D classifiers and the
 * activation spread per layer of a forward probe. Files are written to a temporary file and moved into place.
 */
package dev.tensile.dsl.plot;
