package dev.tensile.train;

import dev.tensile.kernel.VectorOps;
import dev.tensile.tensor.Matrix;

/**
 * Inputs and targets as dense float32 matrices, one row per example, converted once from the source data.
 *
 * @param inputs  examples x features
 * @param targets examples x outputs (one-hot rows for classification)
 */
public record LabeledData(Matrix inputs, Matrix targets) {
    public LabeledData {
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException(inputs.rows() + " input rows but " + targets.rows() + " target rows");
        }
    }

    public int size() {
        return inputs.rows();
    }

    /** Copies the rows {@code order[from .. from + x.rows())} into the batch buffers x and y. */
    public void gather(int[] order, int from, Matrix x, Matrix y) {
        int xc = inputs.cols();
        int yc = targets.cols();
        float[] ys = targets.data();
        VectorOps.gatherRows(inputs.data(), xc, order, from, x.rows(), x.data());
        for (int r = 0; r < y.rows(); r++) {
            System.arraycopy(ys, order[from + r] * yc, y.data(), r * yc, yc);
        }
    }

    /** Copies rows {@code [from, from + x.rows())} into x and y. */
    public void copyRows(int from, Matrix x, Matrix y) {
        System.arraycopy(inputs.data(), from * inputs.cols(), x.data(), 0, x.rows() * inputs.cols());
        System.arraycopy(targets.data(), from * targets.cols(), y.data(), 0, y.rows() * targets.cols());
    }

    /** Rows {@code [from, to)} as a new data set. */
    public LabeledData slice(int from, int to) {
        int xc = inputs.cols();
        int yc = targets.cols();
        Matrix x = new Matrix(to - from, xc);
        Matrix y = new Matrix(to - from, yc);
        System.arraycopy(inputs.data(), from * xc, x.data(), 0, (to - from) * xc);
        System.arraycopy(targets.data(), from * yc, y.data(), 0, (to - from) * yc);
        return new LabeledData(x, y);
    }
}
