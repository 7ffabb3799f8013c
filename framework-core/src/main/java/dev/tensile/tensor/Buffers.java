package dev.tensile.tensor;

/**
 * One role's buffer in a layer (its output, say), kept for the few batch sizes a run uses (the full batch, the last
 * short batch, the dev chunks) so that after the first epoch no step allocates. Layers and their plugins use one per
 * buffer they own.
 */
public final class Buffers {
    private static final int SLOTS = 4;
    private final int cols;
    private final Matrix[] slots = new Matrix[SLOTS];
    private int next;

    /** Buffers of {@code cols} columns (values per example). */
    public Buffers(int cols) {
        this.cols = cols;
    }

    /** The buffer of {@code rows} rows, made on first use; its contents are whatever the last user left. */
    public Matrix get(int rows) {
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
