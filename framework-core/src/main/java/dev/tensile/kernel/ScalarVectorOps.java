package dev.tensile.kernel;

/** The portable elementwise kernels: plain loops, which C2 may auto-vectorise. */
final class ScalarVectorOps implements VectorOpsSupport {

    @Override
    public void addRowVector(float[] x, int offset, int rows, int cols, float[] row) {
        for (int r = 0; r < rows; r++) {
            int base = offset + r * cols;
            for (int j = 0; j < cols; j++) {
                x[base + j] += row[j];
            }
        }
    }

    @Override
    public void relu(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] > 0f ? x[i] : 0f;
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, int from, float[] dx, int dxFrom, int n) {
        for (int i = 0; i < n; i++) {
            dx[dxFrom + i] = x[from + i] > 0f ? dy[from + i] : 0f;
        }
    }

    @Override
    public void scale(float[] x, int n, float s) {
        for (int i = 0; i < n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void axpy(float a, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    @Override
    public void addTo(float[] x, int xFrom, float[] y, int yFrom, int n) {
        for (int i = 0; i < n; i++) {
            y[yFrom + i] += x[xFrom + i];
        }
    }

    @Override
    public void sumColumns(float[] x, int offset, int rows, int cols, float[] out, int outOffset) {
        java.util.Arrays.fill(out, outOffset, outOffset + cols, 0f);
        for (int r = 0; r < rows; r++) {
            int base = offset + r * cols;
            for (int j = 0; j < cols; j++) {
                out[outOffset + j] += x[base + j];
            }
        }
    }

    @Override
    public float sumOfSquares(float[] x, int from, int to) {
        float s = 0f;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    @Override
    public void adamUpdate(float[] w, float[] g, float[] m, float[] v, int from, int to,
                           float beta1, float beta2, float stepSize, float epsilon) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + c1 * gi;
            float vi = beta2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= stepSize * mi / ((float) Math.sqrt(vi) + epsilon);
        }
    }
}
