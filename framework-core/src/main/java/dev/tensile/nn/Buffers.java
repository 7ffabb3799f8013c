package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/** Reuses a matrix while its shape stays the same, so a training step allocates only when the batch size changes. */
final class Buffers {
    private Buffers() {
    }

    static Matrix ensure(Matrix current, int rows, int cols) {
        if (current != null && current.rows() == rows && current.cols() == cols) {
            return current;
        }
        return new Matrix(rows, cols);
    }
}
