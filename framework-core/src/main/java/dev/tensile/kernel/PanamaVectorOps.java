package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementwise kernels on the Vector API: a vector loop over whole vectors and a scalar tail doing
 * the same operations, so results match {@link ScalarVectorOps} bit for bit (except sumOfSquares). Loaded
 * only reflectively, by {@link GemmProvider}.
 */
final class PanamaVectorOps implements VectorOpsSupport {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void addRowVector(float[] x, int offset, int rows, int cols, float[] row) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = offset + r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, x, base + j).add(FloatVector.fromArray(S, row, j)).intoArray(x, base + j);
            }
            for (; j < cols; j++) {
                x[base + j] += row[j];
            }
        }
    }

    @Override
    public void relu(float[] x, float[] y, int from, int to) {
        int bound = from + S.loopBound(to - from);
        int i = from;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            // x > 0 ? x : 0, not max(x, 0): the two differ for NaN and -0, and the scalar path uses this.
            v.blend(0f, v.compare(VectorOperators.GT, 0f).not()).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = x[i] > 0f ? x[i] : 0f;
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, int from, float[] dx, int dxFrom, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            VectorMask<Float> active = FloatVector.fromArray(S, x, from + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(S, dy, from + i).blend(0f, active.not()).intoArray(dx, dxFrom + i);
        }
        for (; i < n; i++) {
            dx[dxFrom + i] = x[from + i] > 0f ? dy[from + i] : 0f;
        }
    }

    @Override
    public void scale(float[] x, int n, float s) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, i).mul(s).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void axpy(float a, float[] x, float[] y, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, i).mul(a).add(FloatVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    @Override
    public void addTo(float[] x, int xFrom, float[] y, int yFrom, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, y, yFrom + i).add(FloatVector.fromArray(S, x, xFrom + i)).intoArray(y, yFrom + i);
        }
        for (; i < n; i++) {
            y[yFrom + i] += x[xFrom + i];
        }
    }

    @Override
    public void sumColumns(float[] x, int offset, int rows, int cols, float[] out, int outOffset) {
        // Row after row into out, as the scalar loop does: each column is summed in the same order.
        java.util.Arrays.fill(out, outOffset, outOffset + cols, 0f);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = offset + r * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, out, outOffset + j).add(FloatVector.fromArray(S, x, base + j))
                        .intoArray(out, outOffset + j);
            }
            for (; j < cols; j++) {
                out[outOffset + j] += x[base + j];
            }
        }
    }

    @Override
    public float sumOfSquares(float[] x, int from, int to) {
        // Four accumulators: one would wait for its previous multiply-add every step (4 cycles on the Xeon).
        int bound = from + S.loopBound((to - from) / 4) * 4;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        int i = from;
        for (; i < bound; i += 4 * L) {
            FloatVector v0 = FloatVector.fromArray(S, x, i);
            FloatVector v1 = FloatVector.fromArray(S, x, i + L);
            FloatVector v2 = FloatVector.fromArray(S, x, i + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, x, i + 3 * L);
            a0 = v0.fma(v0, a0);
            a1 = v1.fma(v1, a1);
            a2 = v2.fma(v2, a2);
            a3 = v3.fma(v3, a3);
        }
        int vBound = from + S.loopBound(to - from);
        for (; i < vBound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            a0 = v.fma(v, a0);
        }
        float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    @Override
    public void adamUpdate(float[] w, float[] g, float[] m, float[] v, int from, int to,
                           float beta1, float beta2, float stepSize, float epsilon) {
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        int bound = from + S.loopBound(to - from);
        int i = from;
        for (; i < bound; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector step = mi.mul(stepSize).div(vi.sqrt().add(epsilon));
            FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        for (; i < to; i++) {
            float gs = g[i];
            float ms = beta1 * m[i] + c1 * gs;
            float vs = beta2 * v[i] + c2 * gs * gs;
            m[i] = ms;
            v[i] = vs;
            w[i] -= stepSize * ms / ((float) Math.sqrt(vs) + epsilon);
        }
    }
}
