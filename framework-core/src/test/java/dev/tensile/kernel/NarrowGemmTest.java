package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The narrow path against the vector GEMM it wraps, to the bit, and against {@link ReferenceGemm} within float32
 * rounding: C of 1 to 16 columns and depths of 1 to 16, every layout, beta 0 and 1, offsets and leading dimensions
 * larger than the shapes, 1 to 3 threads, depth slices of the default blocking and of a small one (kc 40, so that
 * the forward product crosses several slices). Runs on the preferred vector width and, in the build's second pass,
 * on 256 bits.
 */
class NarrowGemmTest {
    private static final float SENTINEL = 12345.678f;

    private static PanamaGemm[] gemms(int threads) {
        int bits = PanamaGemm.vectorBits();
        Assumptions.assumeTrue(bits == 256 || bits == 512, "the vector GEMM runs on 256 or 512 bits only");
        KernelConfig small = new KernelConfig(bits, KernelConfig.tileRows(bits)[0], 40, 3 * KernelConfig.tileRows(bits)[0],
                4 * bits / 32, "test");
        return new PanamaGemm[] {new PanamaGemm(threads), new PanamaGemm(threads, small)};
    }

    @Test
    void narrowProductsHaveTheBitsOfTheGemmOnAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(17);
        int served = 0;
        for (int threads = 1; threads <= 3; threads++) {
            for (PanamaGemm gemm : gemms(threads)) {
                NarrowGemm narrow = (NarrowGemm) NarrowGemm.wrap(gemm);
                for (int trial = 0; trial < 40; trial++) {
                    boolean shortDepth = (trial & 4) != 0;
                    // sizes from a few to large enough for the pool (m n k >= 2M multiply-adds splits over threads)
                    int big = 1 + rnd.nextInt(trial % 5 == 0 ? 1400 : 140);
                    int wide = 1 + rnd.nextInt(shortDepth ? 300 : 2100);
                    int small = 1 + rnd.nextInt(NarrowGemm.MAX_NARROW);
                    int m = big;
                    int n = shortDepth ? wide : small;
                    int k = shortDepth ? small : wide;
                    float beta = (trial & 8) != 0 ? 1f : 0f;
                    boolean transA = (trial & 1) != 0;
                    boolean transB = (trial & 2) != 0;
                    NarrowGemm.Path path = narrow.path(m, n, k, 1f, beta);
                    assertThat(path).isNotEqualTo(NarrowGemm.Path.GEMM);
                    served++;
                    compare(gemm, narrow, rnd, transA, transB, m, n, k, beta, trial % 3, trial % 4);
                }
            }
        }
        assertThat(served).isEqualTo(3 * 2 * 40);
    }

    @Test
    void badOperandsGetTheGemmsErrorOnTheNarrowPathsAndLeaveCAlone() {
        for (PanamaGemm gemm : gemms(1)) {
            NarrowGemm narrow = (NarrowGemm) NarrowGemm.wrap(gemm);
            int m = 8;
            int k = 20;
            int n = 10;
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            float[] c = new float[m * n];
            Arrays.fill(c, 7f);
            assertThat(narrow.path(m, n, k, 1f, 0f)).isEqualTo(NarrowGemm.Path.NARROW_C);
            // A's leading dimension shorter than its rows: read silently from the wrong place without the check
            assertThatThrownBy(() -> narrow.gemm(false, false, m, n, k, 1f, a, 0, k - 1, b, 0, n, 0f, c, 0, n))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A: offset 0 and leading dimension 19 do not fit a 8x20 matrix");
            assertThatThrownBy(() -> narrow.gemm(false, false, m, n, k, 1f, a, 0, k, new float[k * n - 1], 0, n, 0f,
                    c, 0, n)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageStartingWith("B: ");
            assertThat(narrow.path(m, k, n, 1f, 0f)).isEqualTo(NarrowGemm.Path.SHORT_DEPTH);
            assertThatThrownBy(() -> narrow.gemm(false, true, m, k, n, 1f, c, 0, n, b, 0, n, 0f, a, 0, k - 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("C: ");
            float[] untouched = new float[m * n];
            Arrays.fill(untouched, 7f);
            assertThat(c).containsExactly(untouched);
        }
    }

    @Test
    void theShapesOfB2bsOutputLayerTakeTheNarrowPaths() {
        for (PanamaGemm gemm : gemms(2)) {
            NarrowGemm narrow = (NarrowGemm) NarrowGemm.wrap(gemm);
            SplittableRandom rnd = new SplittableRandom(5);
            // forward in · W, weight gradient inᵀ · g (added), input gradient g · Wᵀ
            assertThat(narrow.path(256, 10, 1024, 1f, 0f)).isEqualTo(NarrowGemm.Path.NARROW_C);
            compare(gemm, narrow, rnd, false, false, 256, 10, 1024, 0f, 0, 0);
            assertThat(narrow.path(1024, 10, 256, 1f, 1f)).isEqualTo(NarrowGemm.Path.NARROW_C);
            compare(gemm, narrow, rnd, true, false, 1024, 10, 256, 1f, 0, 0);
            assertThat(narrow.path(256, 1024, 10, 1f, 0f)).isEqualTo(NarrowGemm.Path.SHORT_DEPTH);
            compare(gemm, narrow, rnd, false, true, 256, 1024, 10, 0f, 0, 0);
        }
    }

    @Test
    void everythingElseIsTheWrappedGemmsAndOnlyTheVectorGemmIsWrapped() {
        PanamaGemm gemm = gemms(1)[0];
        NarrowGemm narrow = (NarrowGemm) NarrowGemm.wrap(gemm);
        assertThat(narrow.path(64, 64, 64, 1f, 0f)).isEqualTo(NarrowGemm.Path.GEMM);
        assertThat(narrow.path(64, 10, 64, 0.5f, 0f)).isEqualTo(NarrowGemm.Path.GEMM);
        assertThat(narrow.path(64, 10, 64, 1f, 0.5f)).isEqualTo(NarrowGemm.Path.GEMM);
        assertThat(narrow.path(0, 10, 64, 1f, 0f)).isEqualTo(NarrowGemm.Path.GEMM);
        SplittableRandom rnd = new SplittableRandom(9);
        compare(gemm, narrow, rnd, true, true, 37, 45, 29, 1f, 1, 2);
        assertThat(narrow.name()).isEqualTo(gemm.name());
        assertThat(NarrowGemm.wrap(narrow)).isSameAs(narrow);
        Gemm scalar = new ScalarGemm(1);
        assertThat(NarrowGemm.wrap(scalar)).isSameAs(scalar);
    }

    /** An in-cache product called from a task on the compute pool, as a convolution's chunk calls it: the wrapped bits. */
    @Test
    void inCacheProductsInsideAPoolTaskGiveTheWrappedGemmsBits() {
        PanamaGemm gemm = gemms(2)[0];
        Gemm narrow = NarrowGemm.wrap(gemm);
        SplittableRandom rnd = new SplittableRandom(11);
        int m = 1200;
        int n = 10;
        int k = 400;
        float[] a = GemmTest.random(rnd, m * k);
        float[] b = GemmTest.random(rnd, k * n);
        float[] expected = new float[m * n];
        float[] got = new float[m * n];
        gemm.gemmInCache(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ComputePool.shared().run(2, 2, task -> {
            if (task == 0) {
                narrow.gemmInCache(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, got, 0, n);
            }
        }));
        assertThat(got).containsExactly(expected);
    }

    /**
     * C from both, same operands and starting C (NaN where beta is 0: it must not be read), in matrices with
     * offsets and padded rows whose padding must stay untouched.
     */
    private static void compare(Gemm gemm, Gemm narrow, SplittableRandom rnd, boolean transA, boolean transB, int m,
                                int n, int k, float beta, int offset, int pad) {
        int lda = (transA ? m : k) + pad;
        int ldb = (transB ? k : n) + pad;
        int ldc = n + pad;
        float[] a = GemmTest.random(rnd, offset + (transA ? k : m) * lda);
        float[] b = GemmTest.random(rnd, offset + (transB ? n : k) * ldb);
        float[] c0 = new float[offset + m * ldc];
        Arrays.fill(c0, SENTINEL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c0[offset + i * ldc + j] = beta == 0f ? Float.NaN : (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        float[] expected = c0.clone();
        gemm.gemm(transA, transB, m, n, k, 1f, a, offset, lda, b, offset, ldb, beta, expected, offset, ldc);
        float[] got = c0.clone();
        narrow.gemm(transA, transB, m, n, k, 1f, a, offset, lda, b, offset, ldb, beta, got, offset, ldc);
        String what = String.format("%dx%dx%d trans %b %b beta %s", m, n, k, transA, transB, beta);
        for (int i = 0; i < got.length; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new AssertionError(what + ": at " + i + " the narrow path gave " + got[i] + ", the GEMM "
                        + expected[i]);
            }
        }
        double[][] ref = ReferenceGemm.gemm(transA, transB, m, n, k, 1f, a, offset, lda, b, offset, ldb, beta, c0,
                offset, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double tol = 1e-5 * (ref[1][i * n + j] + 1);
                assertThat((double) got[offset + i * ldc + j]).as("%s C[%d,%d]", what, i, j)
                        .isCloseTo(ref[0][i * n + j], org.assertj.core.api.Assertions.within(tol));
            }
        }
    }
}
