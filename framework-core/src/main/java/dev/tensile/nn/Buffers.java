package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/**
 * One role's buffer in a layer (its output, say), kept for the few batch sizes a run uses — the full batch, the
 * last short batch, the dev chunks — so that after the first epoch no step allocates.
 */
final class Buffers {
    private static final int SLOTS = 4;
    private final int cols;
    private final Matrix[] slots = new Matrix[SLOTS];
    private int next;

    Buffers(int cols) {
        this.cols = cols;
    }

    Matrix get(int rows) {
        for (Matrix m : slots) {
            if (m != null && m.rows() == rows) {
                return m;
            }
        }
        Matrix m = new Matrix(rows, cols);
        slots[next] = m;
        next = (next + 1) % SLOTS;
        return m;
    }
}
