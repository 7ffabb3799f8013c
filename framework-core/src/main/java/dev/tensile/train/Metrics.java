package dev.tensile.train;

import dev.tensile.nn.Network;
import dev.tensile.tensor.Matrix;

/** Loss and accuracy in inference mode, for the per-epoch history. Full evaluation is Tribuo's job. */
public final class Metrics {

    /** Mean loss, and accuracy for classification (NaN otherwise). */
    public record Result(double loss, double accuracy) {
    }

    private Metrics() {
    }

    public static Result evaluate(Network net, LabeledData data, int batchSize) {
        int n = data.size();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            LabeledData part = data.slice(from, to);
            Matrix out = net.forward(part.inputs(), false);
            Matrix grad = new Matrix(out.rows(), out.cols());
            lossSum += net.loss().lossAndGradient(out, part.targets(), grad) * (to - from);
            correct += countCorrect(out, part.targets());
        }
        return new Result(lossSum / n, net.loss().classification() ? (double) correct / n : Double.NaN);
    }

    /** Rows whose largest output is at the position of the largest target. */
    public static int countCorrect(Matrix outputs, Matrix targets) {
        int c = outputs.cols();
        float[] o = outputs.data();
        float[] t = targets.data();
        int correct = 0;
        for (int r = 0; r < outputs.rows(); r++) {
            if (argmax(o, r * c, c) == argmax(t, r * c, c)) {
                correct++;
            }
        }
        return correct;
    }

    public static int argmax(float[] v, int offset, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (v[offset + j] > v[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
