package dev.tensile.spi;

/**
 * What one epoch did. Dev figures are NaN when there is no dev set; accuracies are NaN for regression.
 *
 * @param epoch         1-based
 * @param trainLoss     mean loss over the epoch's batches, regularization included
 * @param trainAccuracy fraction of training examples classified right while training (dropout on)
 * @param devLoss       loss on the dev set in inference mode
 * @param devAccuracy   accuracy on the dev set in inference mode
 * @param learningRate  the rate used in this epoch
 * @param seconds       wall-clock time of the epoch
 * @param gradientNorm  mean global L2 norm of the gradient over the epoch's steps, before clipping
 */
public record EpochLog(int epoch, double trainLoss, double trainAccuracy, double devLoss, double devAccuracy,
                       double learningRate, double seconds, double gradientNorm) implements java.io.Serializable {

    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("epoch ").append(epoch).append(": loss ").append(loss(trainLoss));
        if (!Double.isNaN(trainAccuracy)) {
            sb.append(String.format(" acc %.4f", trainAccuracy));
        }
        if (!Double.isNaN(devLoss) || !Double.isNaN(devAccuracy)) {
            sb.append(" | dev");
        }
        if (!Double.isNaN(devLoss)) {
            sb.append(" loss ").append(loss(devLoss));
        }
        if (!Double.isNaN(devAccuracy)) {
            // labelled "dev" even when the dev loss is missing, so it is never read as a second training accuracy
            sb.append(String.format(" acc %.4f", devAccuracy));
        }
        sb.append(String.format(" | lr %.3g | grad norm %.3g | %.2fs", learningRate, gradientNorm, seconds));
        return sb.toString();
    }

    /**
     * A loss as every message prints it: four decimals where that reads well, scientific notation for a loss of
     * 1e5 or more or below 1e-4 (a diverging run's 1e27 would otherwise print as 28 digits).
     */
    public static String loss(double v) {
        double a = Math.abs(v);
        return a == 0 || a >= 1e-4 && a < 1e5 || !Double.isFinite(v) ? String.format("%.4f", v) : String.format("%.4g", v);
    }
}
