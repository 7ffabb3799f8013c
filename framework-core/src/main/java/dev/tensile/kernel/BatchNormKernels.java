package dev.tensile.kernel;

/**
 * The loops of batch normalization over a {@code rows x cols} matrix whose columns are the normalized features:
 * a dense layer's units (rows = the batch) or, for NHWC images, the channels (rows = batch x pixels, since an
 * image's values are pixel after pixel with the channels innermost). Sums run row after row in double on one
 * thread, so results are the same for any thread count; it is a few passes over memory, small beside the GEMMs.
 */
public final class BatchNormKernels {
    private BatchNormKernels() {
    }

    /** Per column: the mean and the biased variance (divided by rows) of x; {@code sums} holds at least cols. */
    public static void moments(float[] x, int rows, int cols, float[] mean, float[] variance, double[] sums) {
        java.util.Arrays.fill(sums, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                sums[c] += x[base + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] = (float) (sums[c] / rows);
            sums[c] = 0.0;
        }
        // two passes: the sum of squared deviations, not E[x^2] - E[x]^2 (which cancels badly)
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                double d = x[base + c] - mean[c];
                sums[c] += d * d;
            }
        }
        for (int c = 0; c < cols; c++) {
            variance[c] = (float) (sums[c] / rows);
        }
    }

    /** {@code invStd[c] = 1 / sqrt(variance[c] + epsilon)}. */
    public static void inverseStd(float[] variance, float epsilon, int cols, float[] invStd) {
        for (int c = 0; c < cols; c++) {
            invStd[c] = (float) (1.0 / Math.sqrt((double) variance[c] + epsilon));
        }
    }

    /**
     * {@code xhat = (x - mean) invStd} and {@code y = gamma xhat + beta}, per column. {@code xhat} may be null
     * (inference keeps nothing for a backward pass); y may be x.
     */
    public static void normalize(float[] x, int rows, int cols, float[] mean, float[] invStd, float[] gamma,
                                 float[] beta, float[] xhat, float[] y) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                float h = (x[base + c] - mean[c]) * invStd[c];
                if (xhat != null) {
                    xhat[base + c] = h;
                }
                y[base + c] = gamma[c] * h + beta[c];
            }
        }
    }

    /**
     * The backward pass. Always {@code dgamma += Σ dy xhat} and {@code dbeta += Σ dy} over rows (added to).
     * With batch statistics ({@code batchStats}): {@code dx = gamma invStd (dy - dbeta / rows - xhat dgamma / rows)},
     * the mean and variance depending on x; with fixed (running) statistics: {@code dx = gamma invStd dy}.
     * {@code sums} holds at least 2 cols; dx may be dy, or null to skip it.
     */
    public static void backward(float[] dy, float[] xhat, int rows, int cols, float[] gamma, float[] invStd,
                                boolean batchStats, float[] dgamma, float[] dbeta, float[] dx, double[] sums) {
        java.util.Arrays.fill(sums, 0, 2 * cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                float g = dy[base + c];
                sums[c] += g;
                sums[cols + c] += (double) g * xhat[base + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            dbeta[c] += (float) sums[c];
            dgamma[c] += (float) sums[cols + c];
            sums[c] /= rows;
            sums[cols + c] /= rows;
        }
        if (dx == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                float scale = gamma[c] * invStd[c];
                float g = dy[base + c];
                dx[base + c] = batchStats
                        ? scale * (float) (g - sums[c] - xhat[base + c] * sums[cols + c])
                        : scale * g;
            }
        }
    }

    /**
     * Moves the running statistics toward the batch's: {@code running = momentum running + (1 - momentum) batch},
     * the batch variance corrected to the unbiased one ({@code rows / (rows - 1)}) as PyTorch does.
     */
    public static void updateRunning(float[] runMean, float[] runVar, float[] mean, float[] variance, int rows,
                                     int cols, float momentum) {
        double unbias = rows > 1 ? (double) rows / (rows - 1) : 1.0;
        for (int c = 0; c < cols; c++) {
            runMean[c] = (float) (momentum * (double) runMean[c] + (1 - (double) momentum) * mean[c]);
            runVar[c] = (float) (momentum * (double) runVar[c] + (1 - (double) momentum) * variance[c] * unbias);
        }
    }
}
