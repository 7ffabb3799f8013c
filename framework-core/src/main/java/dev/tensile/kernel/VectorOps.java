package dev.tensile.kernel;

/**
 * Fused elementwise kernels for the training step, on the Vector API when {@link GemmProvider} chose it and
 * as plain loops otherwise. Matrices are dense and row-major ({@code rows x cols}, starting at index 0). The
 * two implementations agree bit for bit, except {@link #sumOfSquares}.
 */
public final class VectorOps {
    private static final VectorOpsSupport IMPL = GemmProvider.vectorOpsSupport();

    private VectorOps() {
    }

    /** Adds {@code row} (length at least cols) to every row of x: the bias of a dense layer. */
    public static void addRowVector(float[] x, int rows, int cols, float[] row) {
        IMPL.addRowVector(x, 0, rows, cols, row);
    }

    /** {@link #addRowVector} on the rows x cols values from {@code x[offset]}: one chunk of a batch. */
    public static void addRowVector(float[] x, int offset, int rows, int cols, float[] row) {
        IMPL.addRowVector(x, offset, rows, cols, row);
    }

    /**
     * {@code y[i] = x[i] > 0 ? x[i] : 0} for i < n; y may be x. NaN becomes 0. Arrays of at least
     * {@link Elementwise#PARALLEL} values (a batch of feature maps) are split over the compute pool.
     */
    public static void relu(float[] x, float[] y, int n) {
        if (n < Elementwise.PARALLEL) {
            IMPL.relu(x, y, 0, n);
        } else {
            Elementwise.run(IMPL, false, x, y, y, n);
        }
    }

    /** {@code dx[i] = x[i] > 0 ? dy[i] : 0}, x being relu's input (or output); dx may be dy. Split as relu is. */
    public static void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        if (n < Elementwise.PARALLEL) {
            IMPL.reluBackward(x, dy, 0, dx, 0, n);
        } else {
            Elementwise.run(IMPL, true, x, dy, dx, n);
        }
    }

    /** {@link #relu} on elements [from, to), on the calling thread: for a caller that splits the work itself. */
    public static void relu(float[] x, float[] y, int from, int to) {
        IMPL.relu(x, y, from, to);
    }

    /**
     * {@code dx[dxFrom + i] = x[from + i] > 0 ? dy[from + i] : 0} for i < n, on the calling thread: relu's gradient
     * for one part of a batch, into a buffer of the caller's.
     */
    public static void reluBackward(float[] x, float[] dy, int from, float[] dx, int dxFrom, int n) {
        IMPL.reluBackward(x, dy, from, dx, dxFrom, n);
    }

    /** {@code x[i] *= s} for i < n. */
    public static void scale(float[] x, int n, float s) {
        IMPL.scale(x, n, s);
    }

    /** {@code y[i] += a * x[i]} for i < n, the product rounded before the sum. */
    public static void axpy(float a, float[] x, float[] y, int n) {
        IMPL.axpy(a, x, y, n);
    }

    /** {@code y[yFrom + i] += x[xFrom + i]} for i < n, on the calling thread. */
    public static void addTo(float[] x, int xFrom, float[] y, int yFrom, int n) {
        IMPL.addTo(x, xFrom, y, yFrom, n);
    }

    /** {@code out[j] = sum over r of x[r][j]}, rows summed in order: the gradient of a bias. Overwrites out. */
    public static void sumColumns(float[] x, int rows, int cols, float[] out) {
        IMPL.sumColumns(x, 0, rows, cols, out, 0);
    }

    /**
     * {@link #sumColumns} of the rows x cols values from {@code x[offset]} into {@code out[outOffset, outOffset +
     * cols)}: one chunk's share of a bias gradient.
     */
    public static void sumColumns(float[] x, int offset, int rows, int cols, float[] out, int outOffset) {
        IMPL.sumColumns(x, offset, rows, cols, out, outOffset);
    }

    /**
     * The sum of {@code x[i]^2} for i < n: in float within blocks of {@link BlockSums#BLOCK} values, the blocks' sums
     * added in order in double, so the result does not depend on the thread count (the order within a block is the
     * implementation's). From {@link Elementwise#PARALLEL} values on, the blocks are split over the compute pool.
     */
    public static double sumOfSquares(float[] x, int n) {
        if (n <= BlockSums.BLOCK) {
            return IMPL.sumOfSquares(x, 0, n);
        }
        return BlockSums.sumOfSquares(IMPL, x, n);
    }

    /**
     * One Adam step over the first n elements, with both bias corrections folded into the arguments:
     * {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g g},
     * {@code w -= stepSize m / (sqrt(v) + epsilon)}, where at step t {@code stepSize = lr sqrt(1 - beta2^t) /
     * (1 - beta1^t)} and {@code epsilon = eps sqrt(1 - beta2^t)}. Split over the compute pool as relu is.
     */
    public static void adamUpdate(float[] w, float[] g, float[] m, float[] v, int n,
                                  float beta1, float beta2, float stepSize, float epsilon) {
        if (n < Elementwise.PARALLEL) {
            IMPL.adamUpdate(w, g, m, v, 0, n, beta1, beta2, stepSize, epsilon);
        } else {
            Elementwise.adam(IMPL, w, g, m, v, n, beta1, beta2, stepSize, epsilon);
        }
    }

    /** The implementation in use: {@code panama} or {@code scalar}. */
    public static String implementation() {
        return IMPL instanceof ScalarVectorOps ? "scalar" : "panama";
    }
}
