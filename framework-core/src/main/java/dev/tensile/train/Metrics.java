package dev.tensile.train;

import dev.tensile.nn.Network;
import dev.tensile.tensor.Matrix;

/** Loss and accuracy in inference mode, for the per-epoch history. Full evaluation is Tribuo's job. */
public final class Metrics {

    /** Mean loss, and accuracy for classification (NaN otherwise). */
    public record Result(double loss, double accuracy) {
    }

    /** Reusable chunk buffers, so evaluating after every epoch allocates nothing. */
    public static final class Buffers {
        final int rows;
        final Matrix x;
        final Matrix y;
        final Matrix grad;
        Matrix xTail;
        Matrix yTail;
        Matrix gradTail;

        public Buffers(int rows, int inputs, int outputs) {
            this.rows = rows;
            this.x = new Matrix(rows, inputs);
            this.y = new Matrix(rows, outputs);
            this.grad = new Matrix(rows, outputs);
        }
    }

    private Metrics() {
    }

    public static Result evaluate(Network net, LabeledData data, int batchSize) {
        return evaluate(net, data, new Buffers(Math.max(1, Math.min(batchSize, data.size())), data.inputs().cols(),
                data.targets().cols()));
    }

    public static Result evaluate(Network net, LabeledData data, Buffers b) {
        int n = data.size();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += b.rows) {
            int rows = Math.min(b.rows, n - from);
            Matrix x = b.x;
            Matrix y = b.y;
            Matrix g = b.grad;
            if (rows != b.rows) {
                if (b.xTail == null || b.xTail.rows() != rows) {
                    b.xTail = new Matrix(rows, b.x.cols());
                    b.yTail = new Matrix(rows, b.y.cols());
                    b.gradTail = new Matrix(rows, b.y.cols());
                }
                x = b.xTail;
                y = b.yTail;
                g = b.gradTail;
            }
            data.copyRows(from, x, y);
            Matrix out = net.forward(x, false);
            lossSum += net.loss().lossAndGradient(out, y, g) * rows;
            correct += countCorrect(out, y);
        }
        return new Result(lossSum / n, net.loss().classification() ? (double) correct / n : Double.NaN);
    }

    /**
     * Rows whose largest output is at the position of the largest target; for one output column (a sigmoid unit
     * telling two classes apart, {@code outputs} its logits) rows where the logit's sign says the target's class.
     */
    public static int countCorrect(Matrix outputs, Matrix targets) {
        int c = outputs.cols();
        float[] o = outputs.data();
        float[] t = targets.data();
        int correct = 0;
        if (c == 1) {
            for (int r = 0; r < outputs.rows(); r++) {
                if (o[r] > 0 == t[r] > 0.5f) {
                    correct++;
                }
            }
            return correct;
        }
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
