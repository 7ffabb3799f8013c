/**
 * The training report: one self-contained HTML page (Apache ECharts and the data inlined, no network access) with
 * the loss, accuracy, learning rate and epoch time per epoch, per-layer activation spread and gradient norms over
 * time with the gradient monitor's warnings marked, the last evaluation's confusion matrix, the bias/variance
 * diagnosis, the model summary, provenance and machine. {@code callback 'report'} writes it during a run and
 * {@code tensile report FILE} from a saved model's history.
 */
package dev.tensile.plugins.report;
