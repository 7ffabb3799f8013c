package dev.tensile.kernel;

/**
 * The elementwise kernels behind {@link VectorOps}, implemented twice: {@link ScalarVectorOps} and
 * {@code PanamaVectorOps}. Both perform the same float operations in the same order (no fused
 * multiply-add), so they agree bit for bit, except {@link #sumOfSquares}, whose summation order differs.
 */
interface VectorOpsSupport {
    /** Adds row to each of the rows x cols values from x[offset]. */
    void addRowVector(float[] x, int offset, int rows, int cols, float[] row);

    /** Elements [from, to). */
    void relu(float[] x, float[] y, int from, int to);

    /** {@code dx[dxFrom + i] = x[from + i] > 0 ? dy[from + i] : 0} for i < n. */
    void reluBackward(float[] x, float[] dy, int from, float[] dx, int dxFrom, int n);

    void scale(float[] x, int n, float s);

    void axpy(float a, float[] x, float[] y, int n);

    /** {@code y[yFrom + i] += x[xFrom + i]} for i < n. */
    void addTo(float[] x, int xFrom, float[] y, int yFrom, int n);

    /** out[outOffset + j] = the sum over r of x[offset + r * cols + j], rows in order. */
    void sumColumns(float[] x, int offset, int rows, int cols, float[] out, int outOffset);

    /** The sum of {@code x[i]^2} for i in [from, to), in float. */
    float sumOfSquares(float[] x, int from, int to);

    /** Elements [from, to). */
    void adamUpdate(float[] w, float[] g, float[] m, float[] v, int from, int to,
                    float beta1, float beta2, float stepSize, float epsilon);
}
