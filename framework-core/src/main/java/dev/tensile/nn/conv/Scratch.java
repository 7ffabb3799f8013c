package dev.tensile.nn.conv;

import dev.tensile.tensor.Matrix;

/**
 * A layer's buffers for one role, kept per batch size (the full batch, the short last one, evaluation chunks)
 * and reused, so that after the first batch of each size no step allocates; plus grow-only flat arrays.
 */
final class Scratch {
    private static final int SLOTS = 4;
    private final int cols;
    private final Matrix[] slots = new Matrix[SLOTS];
    private int next;

    Scratch(int cols) {
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

    /** {@code current} if it holds at least size values, else a new array of that size. */
    static float[] atLeast(float[] current, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a buffer of " + size + " values exceeds the largest Java array; "
                    + "use a smaller batch");
        }
        return current != null && current.length >= size ? current : new float[(int) size];
    }

    static int[] atLeast(int[] current, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a buffer of " + size + " values exceeds the largest Java array; "
                    + "use a smaller batch");
        }
        return current != null && current.length >= size ? current : new int[(int) size];
    }
}
