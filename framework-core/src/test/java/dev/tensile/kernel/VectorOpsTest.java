package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both implementations of the elementwise kernels against plain loops written here, on lengths around
 * the vector width (0, 1, 15, 16, 17, ...) so that the vector body and the scalar tail both run.
 */
class VectorOpsTest {
    private static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 31, 32, 33, 100, 1001};
    private static final VectorOpsSupport SCALAR = new ScalarVectorOps();
    private static final VectorOpsSupport PANAMA = new PanamaVectorOps();
    private final SplittableRandom rnd = new SplittableRandom(5);

    @Test
    void reluForwardAndBackwardMatchTheirDefinition() {
        for (int n : LENGTHS) {
            float[] x = withSpecials(random(n));
            float[] dy = random(n);
            float[] y = new float[n];
            float[] dx = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = x[i] > 0f ? x[i] : 0f;
                dx[i] = x[i] > 0f ? dy[i] : 0f;
            }
            for (VectorOpsSupport ops : new VectorOpsSupport[] {SCALAR, PANAMA}) {
                float[] gotY = new float[n];
                ops.relu(x, gotY, 0, n);
                assertThat(gotY).containsExactly(y);
                float[] gotDx = dy.clone();
                ops.reluBackward(x, gotDx, 0, gotDx, 0, n);
                assertThat(gotDx).containsExactly(dx);
                // elements [n / 3, n) into another array, from its index 2
                float[] shifted = new float[n + 2];
                ops.reluBackward(x, dy, n / 3, shifted, 2, n - n / 3);
                for (int i = 0; i < n + 2; i++) {
                    assertThat(shifted[i]).isEqualTo(i >= 2 && i < n - n / 3 + 2 ? dx[i - 2 + n / 3] : 0f);
                }
                // a range touches only its own elements
                float[] part = new float[n];
                ops.relu(x, part, n / 3, n - n / 4);
                for (int i = 0; i < n; i++) {
                    assertThat(part[i]).isEqualTo(i >= n / 3 && i < n - n / 4 ? y[i] : 0f);
                }
            }
        }
    }

    @Test
    void rowVectorScaleAxpyAndColumnSumsMatchLoops() {
        for (int cols : LENGTHS) {
            int rows = 3;
            float[] x = random(rows * cols);
            float[] row = random(cols);
            float[] added = x.clone();
            float[] sums = new float[cols];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    added[r * cols + j] += row[j];
                    sums[j] += x[r * cols + j];
                }
            }
            float[] y = random(rows * cols);
            float[] axpy = y.clone();
            float[] scaled = x.clone();
            for (int i = 0; i < rows * cols; i++) {
                axpy[i] += 0.3f * x[i];
                scaled[i] *= -1.7f;
            }
            for (VectorOpsSupport ops : new VectorOpsSupport[] {SCALAR, PANAMA}) {
                // at an offset, as conv2d's chunks use them: the values around the rows stay as they were
                float[] gotAdded = new float[rows * cols + 5];
                System.arraycopy(x, 0, gotAdded, 3, rows * cols);
                ops.addRowVector(gotAdded, 3, rows, cols, row);
                assertThat(java.util.Arrays.copyOfRange(gotAdded, 3, 3 + rows * cols)).containsExactly(added);
                assertThat(gotAdded[2]).isZero();
                assertThat(gotAdded[3 + rows * cols]).isZero();
                float[] shifted = new float[rows * cols + 3];
                System.arraycopy(x, 0, shifted, 3, rows * cols);
                float[] gotSums = random(cols + 4);
                float before = gotSums[1];
                float after = gotSums[cols + 2];
                ops.sumColumns(shifted, 3, rows, cols, gotSums, 2);
                assertThat(java.util.Arrays.copyOfRange(gotSums, 2, cols + 2)).containsExactly(sums);
                assertThat(gotSums[1]).isEqualTo(before);
                assertThat(gotSums[cols + 2]).isEqualTo(after);
                float[] gotAxpy = y.clone();
                ops.axpy(0.3f, x, gotAxpy, rows * cols);
                assertThat(gotAxpy).containsExactly(axpy);
                float[] gotScaled = x.clone();
                ops.scale(gotScaled, rows * cols, -1.7f);
                assertThat(gotScaled).containsExactly(scaled);
                // y[2 + i] += x[1 + i], all but the ends: the values around stay as they were
                int n = Math.max(0, rows * cols - 2);
                float[] gotAddTo = y.clone();
                ops.addTo(x, 1, gotAddTo, 2, n);
                for (int i = 0; i < y.length; i++) {
                    float expected = i >= 2 && i < 2 + n ? y[i] + x[i - 1] : y[i];
                    assertThat(gotAddTo[i]).as("addTo, %d columns, at %d", cols, i).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void sumOfSquaresIsCloseToTheDoubleSum() {
        for (int n : LENGTHS) {
            float[] x = random(n);
            double expected = 0;
            for (float v : x) {
                expected += (double) v * v;
            }
            for (VectorOpsSupport ops : new VectorOpsSupport[] {SCALAR, PANAMA}) {
                assertThat((double) ops.sumOfSquares(x, 0, n)).isCloseTo(expected, within(1e-5 * (1 + expected)));
                // a range sums only its own elements
                double part = 0;
                for (int i = n / 3; i < n - n / 4; i++) {
                    part += (double) x[i] * x[i];
                }
                assertThat((double) ops.sumOfSquares(x, n / 3, n - n / 4)).isCloseTo(part, within(1e-5 * (1 + part)));
            }
        }
    }

    @Test
    void sumOfSquaresOfALargeArrayIsTheSameOnOneAndTwoThreads() {
        // not a whole number of blocks, so the last block is short and its tail runs
        int n = 5 * Elementwise.PARALLEL + BlockSums.BLOCK / 3 + 5;
        float[] x = random(n);
        double expected = 0;
        for (float v : x) {
            expected += (double) v * v;
        }
        ComputePool pool = ComputePool.shared();
        int saved = pool.threads();
        try {
            double[] got = new double[3];
            for (int t = 1; t <= 3; t++) {
                pool.setThreads(t);
                got[t - 1] = VectorOps.sumOfSquares(x, n);
            }
            // float within blocks of 16 Ki values: about 1e-7 relative error per block, far less over the blocks' sum
            assertThat(got[0]).isCloseTo(expected, within(1e-5 * expected));
            assertThat(got[1]).isEqualTo(got[0]);
            assertThat(got[2]).isEqualTo(got[0]);
            // the blocks are what the facade adds: summing them here in order gives the same bits
            VectorOpsSupport impl = GemmProvider.get() instanceof ScalarGemm ? SCALAR : PANAMA;
            double byBlocks = 0;
            for (int from = 0; from < n; from += BlockSums.BLOCK) {
                byBlocks += impl.sumOfSquares(x, from, Math.min(n, from + BlockSums.BLOCK));
            }
            assertThat(got[0]).isEqualTo(byBlocks);
        } finally {
            pool.setThreads(saved);
        }
    }

    @Test
    void adamUpdateMatchesTheOptimizersLoop() {
        for (int n : LENGTHS) {
            float[][] wgmv = adamOperands(n);
            float[][] expected = adamByTheLoop(wgmv);
            for (VectorOpsSupport ops : new VectorOpsSupport[] {SCALAR, PANAMA}) {
                float[] gw = wgmv[0].clone();
                float[] gm = wgmv[2].clone();
                float[] gv = wgmv[3].clone();
                ops.adamUpdate(gw, wgmv[1], gm, gv, 0, n, B1, B2, STEP, EPS);
                assertThat(gw).containsExactly(expected[0]);
                assertThat(gm).containsExactly(expected[2]);
                assertThat(gv).containsExactly(expected[3]);
            }
        }
    }

    @Test
    void adamUpdateOfARangeLeavesTheRestAlone() {
        float[][] wgmv = adamOperands(100);
        float[][] expected = adamByTheLoop(wgmv);
        for (VectorOpsSupport ops : new VectorOpsSupport[] {SCALAR, PANAMA}) {
            float[] gw = wgmv[0].clone();
            float[] gm = wgmv[2].clone();
            float[] gv = wgmv[3].clone();
            ops.adamUpdate(gw, wgmv[1], gm, gv, 13, 71, B1, B2, STEP, EPS);
            for (int i = 0; i < 100; i++) {
                boolean inside = i >= 13 && i < 71;
                assertThat(gw[i]).as("w[%d]", i).isEqualTo(inside ? expected[0][i] : wgmv[0][i]);
                assertThat(gm[i]).as("m[%d]", i).isEqualTo(inside ? expected[2][i] : wgmv[2][i]);
                assertThat(gv[i]).as("v[%d]", i).isEqualTo(inside ? expected[3][i] : wgmv[3][i]);
            }
        }
    }

    @Test
    void adamOnAnArrayLargeEnoughToSplitOverThreadsIsTheSameAsOnOneThread() {
        int n = 3 * Elementwise.PARALLEL + 77;
        float[][] wgmv = adamOperands(n);
        float[][] expected = adamByTheLoop(wgmv);
        ComputePool pool = ComputePool.shared();
        int saved = pool.threads();
        try {
            for (int t = 1; t <= 2; t++) {
                pool.setThreads(t);
                float[] gw = wgmv[0].clone();
                float[] gm = wgmv[2].clone();
                float[] gv = wgmv[3].clone();
                VectorOps.adamUpdate(gw, wgmv[1], gm, gv, n, B1, B2, STEP, EPS);
                assertThat(java.util.Arrays.equals(gw, expected[0])).as("w on %d threads", t).isTrue();
                assertThat(java.util.Arrays.equals(gm, expected[2])).as("m on %d threads", t).isTrue();
                assertThat(java.util.Arrays.equals(gv, expected[3])).as("v on %d threads", t).isTrue();
            }
        } finally {
            pool.setThreads(saved);
        }
    }

    private static final float B1 = 0.9f;
    private static final float B2 = 0.999f;
    private static final float STEP = 1e-3f;
    private static final float EPS = 1e-8f;

    /** w, g, m, v of length n; v is not negative. */
    private float[][] adamOperands(int n) {
        float[] v = random(n);
        for (int i = 0; i < n; i++) {
            v[i] = Math.abs(v[i]);
        }
        return new float[][] {random(n), random(n), random(n), v};
    }

    /** w, g, m, v after one step of the optimizer's loop, written out here. */
    private static float[][] adamByTheLoop(float[][] wgmv) {
        float[] ew = wgmv[0].clone();
        float[] g = wgmv[1];
        float[] em = wgmv[2].clone();
        float[] ev = wgmv[3].clone();
        for (int i = 0; i < ew.length; i++) {
            float gi = g[i];
            float mi = B1 * em[i] + (1 - B1) * gi;
            float vi = B2 * ev[i] + (1 - B2) * gi * gi;
            em[i] = mi;
            ev[i] = vi;
            ew[i] -= STEP * mi / ((float) Math.sqrt(vi) + EPS);
        }
        return new float[][] {ew, g, em, ev};
    }

    @Test
    void reluOnAnArrayLargeEnoughToSplitOverThreadsIsTheSameAsOnOneThread() {
        int n = 3 * Elementwise.PARALLEL + 77;
        float[] x = withSpecials(random(n));
        float[] dy = random(n);
        ComputePool pool = ComputePool.shared();
        int saved = pool.threads();
        try {
            float[][] y = new float[2][n];
            float[][] dx = new float[2][];
            for (int t = 1; t <= 2; t++) {
                pool.setThreads(t);
                VectorOps.relu(x, y[t - 1], n);
                dx[t - 1] = dy.clone();
                VectorOps.reluBackward(x, dx[t - 1], dx[t - 1], n);
            }
            float[] expectY = new float[n];
            float[] expectDx = new float[n];
            for (int i = 0; i < n; i++) {
                expectY[i] = x[i] > 0f ? x[i] : 0f;
                expectDx[i] = x[i] > 0f ? dy[i] : 0f;
            }
            assertThat(java.util.Arrays.equals(y[1], expectY)).as("relu by definition").isTrue();
            assertThat(java.util.Arrays.equals(dx[1], expectDx)).as("relu backward by definition").isTrue();
            assertThat(y[1]).containsExactly(y[0]);
            assertThat(dx[1]).containsExactly(dx[0]);
        } finally {
            pool.setThreads(saved);
        }
    }

    @Test
    void theFacadeFollowsTheProvider() {
        String expected = GemmProvider.get() instanceof ScalarGemm ? "scalar" : "panama";
        assertThat(VectorOps.implementation()).isEqualTo(expected);
        float[] x = {-1f, 2f, Float.NaN};
        VectorOps.relu(x, x, 3);
        assertThat(x).containsExactly(0f, 2f, 0f);
    }

    private float[] random(int n) {
        return GemmTest.random(rnd, n);
    }

    private static float[] withSpecials(float[] x) {
        float[] specials = {Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
        for (int i = 0; i < Math.min(x.length, specials.length); i++) {
            x[i * 3 % x.length] = specials[i];
        }
        return x;
    }
}
