package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds both implementations against {@link ReferenceGemm}: random shapes from 0 to 300 in every layout,
 * alpha and beta in {0, 1, other}, 1 to 3 threads, offsets and leading dimensions larger than the shape.
 */
class GemmTest {
    /** A float32 GEMM of depth k may be off by about sqrt(k) roundings of the sum of |products|. */
    private static final double TOLERANCE = 1e-4;
    private static final float SENTINEL = 12345.678f;
    private static final float[] ALPHAS = {0f, 1f, -0.75f};
    private static final float[] BETAS = {0f, 1f, 0.5f};

    /**
     * The scalar GEMM, the Panama one as the cache rule makes it, and every Panama tile that fits this vector
     * width with small blocks (kc 40, mc 3 tiles, nc 2 tiles), so that shapes up to 300 cross every block edge.
     */
    static Stream<Arguments> implementations() {
        Stream.Builder<Arguments> all = Stream.builder();
        all.add(Arguments.of("scalar", (IntFunction<Gemm>) ScalarGemm::new));
        int bits = PanamaGemm.vectorBits();
        if (bits == 256 || bits == 512) {
            all.add(Arguments.of("panama", (IntFunction<Gemm>) PanamaGemm::new));
            for (int rows : KernelConfig.tileRows(bits)) {
                int cols = 2 * bits / 32;
                KernelConfig small = new KernelConfig(bits, rows, 40, 3 * rows, 2 * cols, "test");
                all.add(Arguments.of(small.kernelName() + " " + small.blocking(),
                        (IntFunction<Gemm>) t -> new PanamaGemm(t, small)));
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void randomShapesInEveryLayoutMatchTheReference(String name, IntFunction<Gemm> factory) {
        SplittableRandom rnd = new SplittableRandom(42);
        Gemm[] byThreads = {factory.apply(1), factory.apply(2), factory.apply(3)};
        for (int trial = 0; trial < 48; trial++) {
            int m = shape(rnd);
            int n = shape(rnd);
            int k = shape(rnd);
            boolean transA = (trial & 1) != 0;
            boolean transB = (trial & 2) != 0;
            float alpha = ALPHAS[rnd.nextInt(ALPHAS.length)];
            float beta = BETAS[(trial >> 2) % BETAS.length];
            Gemm gemm = byThreads[rnd.nextInt(byThreads.length)];
            check(gemm, rnd, transA, transB, m, n, k, alpha, beta, rnd.nextInt(4), rnd.nextInt(4), false);
        }
    }

    /**
     * A narrow C (n = 10, the output layer) is computed as C^T = op(B)^T op(A)^T; the wide problem computed the
     * ordinary way must give the same bits, transposed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aNarrowProductHasTheBitsOfItsTranspose(String name, IntFunction<Gemm> factory) {
        SplittableRandom rnd = new SplittableRandom(3);
        int m = 203;
        int n = 10;
        int k = 77;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        Gemm gemm = factory.apply(2);
        float[] c = new float[m * n];
        gemm.gemm(false, false, m, n, k, 0.5f, a, 0, k, b, 0, n, 0f, c, 0, n);
        float[] ct = new float[n * m];
        // (A B)^T = B^T A^T: B stored k x n read transposed, A stored m x k read transposed.
        gemm.gemm(true, true, n, m, k, 0.5f, b, 0, n, a, 0, k, 0f, ct, 0, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(Float.floatToIntBits(c[i * n + j])).as("C[%d,%d]", i, j)
                        .isEqualTo(Float.floatToIntBits(ct[j * m + i]));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void edgeShapesMatchTheReference(String name, IntFunction<Gemm> factory) {
        int[][] shapes = {
            {0, 0, 0}, {0, 5, 3}, {5, 0, 3}, {5, 3, 0}, {1, 1, 1}, {1, 37, 19}, {37, 1, 19}, {19, 37, 1},
            {6, 32, 256}, {7, 33, 257}, {12, 64, 512}, {97, 89, 83}, {131, 67, 300},
            {256, 10, 100}, {300, 3, 50}, {70, 1, 33}, {129, 15, 64},
        };
        SplittableRandom rnd = new SplittableRandom(7);
        Gemm gemm = factory.apply(2);
        for (int[] s : shapes) {
            for (int layout = 0; layout < 4; layout++) {
                check(gemm, rnd, (layout & 1) != 0, (layout & 2) != 0, s[0], s[1], s[2], 1.5f, 0.25f, 1, 2, false);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void betaZeroIgnoresNaNInC(String name, IntFunction<Gemm> factory) {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int layout = 0; layout < 4; layout++) {
            check(factory.apply(2), rnd, (layout & 1) != 0, (layout & 2) != 0, 71, 45, 33, 1f, 0f, 0, 0, true);
            check(factory.apply(1), rnd, (layout & 1) != 0, (layout & 2) != 0, 5, 3, 0, 1f, 0f, 0, 0, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void alphaZeroScalesCWithoutReadingAOrB(String name, IntFunction<Gemm> factory) {
        float[] a = new float[6];
        float[] b = new float[6];
        Arrays.fill(a, Float.NaN);
        Arrays.fill(b, Float.POSITIVE_INFINITY);
        float[] c = {1, 2, 3, 4};
        factory.apply(1).gemm(false, false, 2, 2, 3, 0f, a, 0, 3, b, 0, 2, 0.5f, c, 0, 2);
        assertThat(c).containsExactly(0.5f, 1f, 1.5f, 2f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void oneAndManyThreadsGiveTheSameBits(String name, IntFunction<Gemm> factory) {
        int m = 203;
        int n = 190;
        int k = 301;
        assertThat((long) m * n * k).isGreaterThan(BlockedGemm.PARALLEL_THRESHOLD);
        SplittableRandom rnd = new SplittableRandom(11);
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] c0 = random(rnd, m * n);
        for (int layout = 0; layout < 4; layout++) {
            boolean ta = (layout & 1) != 0;
            boolean tb = (layout & 2) != 0;
            float[] one = c0.clone();
            factory.apply(1).gemm(ta, tb, m, n, k, 0.9f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, one, 0, n);
            for (int threads = 2; threads <= 3; threads++) {
                float[] many = c0.clone();
                factory.apply(threads).gemm(ta, tb, m, n, k, 0.9f, a, 0, ta ? m : k, b, 0, tb ? k : n,
                        0.5f, many, 0, n);
                assertThat(bits(many)).as("layout %d, %d threads", layout, threads).isEqualTo(bits(one));
            }
        }
    }

    /**
     * A C with few rows and many columns (B2b's 256 x 1024 products) is split by columns between the threads, each
     * packing all of A and its own part of B; the bits must not change with the thread count, in every layout.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aWideProductSplitByColumnsGivesTheBitsOfOneThread(String name, IntFunction<Gemm> factory) {
        int m = 30;
        int n = 400;
        int k = 301;
        SplittableRandom rnd = new SplittableRandom(13);
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] c0 = random(rnd, m * n);
        for (int layout = 0; layout < 4; layout++) {
            boolean ta = (layout & 1) != 0;
            boolean tb = (layout & 2) != 0;
            float[] one = c0.clone();
            factory.apply(1).gemm(ta, tb, m, n, k, 0.9f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, one, 0, n);
            for (int threads = 2; threads <= 3; threads++) {
                Gemm gemm = factory.apply(threads);
                if (gemm instanceof BlockedGemm blocked) {
                    assertThat(blocked.splitsColumns(m, n, threads)).as("split by columns").isTrue();
                }
                float[] many = c0.clone();
                gemm.gemm(ta, tb, m, n, k, 0.9f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, many, 0, n);
                assertThat(bits(many)).as("layout %d, %d threads", layout, threads).isEqualTo(bits(one));
            }
        }
        check(factory.apply(2), rnd, false, true, m, n, k, 1f, 0.5f, 1, 2, false);
        check(factory.apply(3), rnd, true, false, m, n, k, -0.75f, 0f, 3, 0, false);
    }

    /**
     * A wide and deep product (2048 columns x 2100 deep: many depth slices, split by columns on two threads) matches
     * the reference, and 1 and 2 threads agree to the bit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aWideDeepProductMatchesTheReferenceOnTwoThreads(String name, IntFunction<Gemm> factory) {
        int m = 20;
        int n = 2048;
        int k = 2100;
        SplittableRandom rnd = new SplittableRandom(5);
        check(factory.apply(2), rnd, false, false, m, n, k, 1f, 0.5f, 1, 2, false);
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] one = new float[m * n];
        float[] two = new float[m * n];
        factory.apply(1).gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, one, 0, n);
        factory.apply(2).gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, two, 0, n);
        assertThat(bits(two)).isEqualTo(bits(one));
    }

    /**
     * A tall product is split by rows, each thread packing every depth slice of B itself (here 33,000 deep: over a
     * hundred slices). The result matches the reference, and 1, 2 and 3 threads agree to the bit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aTallProductSplitByRowsGivesTheBitsOfOneThread(String name, IntFunction<Gemm> factory) {
        int m = 40;
        int n = 70;
        int k = 33_000;
        SplittableRandom rnd = new SplittableRandom(17);
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] one = new float[m * n];
        factory.apply(1).gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, one, 0, n);
        for (int threads = 2; threads <= 3; threads++) {
            Gemm gemm = factory.apply(threads);
            if (gemm instanceof BlockedGemm blocked) {
                assertThat(blocked.splitsColumns(m, n, threads)).as("split by columns").isFalse();
            }
            float[] many = new float[m * n];
            gemm.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, many, 0, n);
            assertThat(bits(many)).as("%d threads", threads).isEqualTo(bits(one));
        }
        check(factory.apply(2), rnd, true, true, m, n, k, -0.75f, 0.5f, 3, 1, false);
    }

    /**
     * A packed panel of op(B) holds, for micro-panel jr, depth step p and column j, op(B)[pc + p, jc + jr + j] at
     * bpOff + jr * kb + p * nr + j, zeros past the last column; whichever copy an implementation uses (the vector
     * one for B stored k x n), with offsets, edge columns and both layouts.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aPanelOfBIsPackedAsTheLayoutSays(String name, IntFunction<Gemm> factory) {
        BlockedGemm gemm = (BlockedGemm) factory.apply(1);
        SplittableRandom rnd = new SplittableRandom(11);
        int nr = gemm.nr;
        for (boolean transB : new boolean[] {false, true}) {
            for (int nb : new int[] {1, nr - 1, nr, 2 * nr, 3 * nr + 5}) {
                int k = 23;
                int n = nb + 7;
                int ldb = (transB ? k : n) + 2;
                float[] b = new float[3 + (transB ? n : k) * ldb];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) rnd.nextDouble(-1, 1);
                }
                int pc = 4;
                int kb = 17;
                int jc = 5;
                int bpOff = 9;
                int panels = (nb + nr - 1) / nr;
                float[] bp = new float[bpOff + panels * nr * kb + 4];
                Arrays.fill(bp, SENTINEL);
                float[] expected = bp.clone();
                for (int jr = 0; jr < panels * nr; jr += nr) {
                    for (int p = 0; p < kb; p++) {
                        for (int j = 0; j < nr; j++) {
                            int col = jc + jr + j;
                            float v = jr + j >= nb ? 0f
                                    : transB ? b[3 + col * ldb + pc + p] : b[3 + (pc + p) * ldb + col];
                            expected[bpOff + jr * kb + p * nr + j] = v;
                        }
                    }
                }
                gemm.packB(transB, b, 3, ldb, pc, kb, jc, nb, bp, bpOff);
                assertThat(bits(bp)).as("transB=%s nb=%d", transB, nb).isEqualTo(bits(expected));
            }
        }
    }

    /**
     * A packed block of A holds, for micro-panel ir, depth step p and row r, A[ic + ir + r, pc + p] at
     * ir * kb + p * mr + r, zeros past the last row: rows copied six, four or one at a time.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aBlockOfAIsPackedAsTheLayoutSays(String name, IntFunction<Gemm> factory) {
        BlockedGemm gemm = (BlockedGemm) factory.apply(1);
        SplittableRandom rnd = new SplittableRandom(13);
        int mr = gemm.mr;
        for (int mb : new int[] {1, 3, 5, mr - 1, mr, 2 * mr + 1, 3 * mr}) {
            int lda = 31;
            float[] a = new float[2 + (mb + 6) * lda];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rnd.nextDouble(-1, 1);
            }
            int ic = 3;
            int pc = 5;
            int kb = 19;
            int panels = (mb + mr - 1) / mr;
            float[] ap = new float[panels * mr * kb + 4];
            Arrays.fill(ap, SENTINEL);
            float[] expected = ap.clone();
            for (int ir = 0; ir < panels * mr; ir += mr) {
                for (int p = 0; p < kb; p++) {
                    for (int r = 0; r < mr; r++) {
                        expected[ir * kb + p * mr + r] = ir + r >= mb ? 0f : a[2 + (ic + ir + r) * lda + pc + p];
                    }
                }
            }
            GemmPacking.packA(false, mr, a, 2, lda, ic, mb, pc, kb, ap);
            assertThat(bits(ap)).as("mb=%d", mb).isEqualTo(bits(expected));
        }
    }

    /**
     * Every tile store rounds alpha * acc and beta * C on their own, whichever path a full tile takes (the vector
     * stores skip the multiplications by 1), so that full and edge tiles, and every thread count, agree.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aTileIsStoredAsAlphaTimesTheSumsPlusBetaTimesC(String name, IntFunction<Gemm> factory) {
        BlockedGemm gemm = (BlockedGemm) factory.apply(1);
        SplittableRandom rnd = new SplittableRandom(7);
        int ldc = gemm.nr + 3;
        float[][] cases = {{1f, 0f}, {1f, 1f}, {-0.75f, 0f}, {1f, 0.5f}, {0.5f, 1f}, {-0.75f, 0.5f}};
        for (int[] shape : new int[][] {{gemm.mr, gemm.nr}, {gemm.mr - 1, gemm.nr}, {gemm.mr, gemm.nr - 1}}) {
            for (float[] ab : cases) {
                float[] acc = new float[gemm.mr * gemm.nr];
                float[] c = new float[2 + gemm.mr * ldc];
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = (float) rnd.nextDouble(-3, 3);
                }
                for (int i = 0; i < c.length; i++) {
                    c[i] = ab[1] == 0f ? Float.NaN : (float) rnd.nextDouble(-3, 3);
                }
                float[] expected = c.clone();
                for (int r = 0; r < shape[0]; r++) {
                    for (int j = 0; j < shape[1]; j++) {
                        int ci = 2 + r * ldc + j;
                        expected[ci] = ab[1] == 0f ? ab[0] * acc[r * gemm.nr + j]
                                : ab[0] * acc[r * gemm.nr + j] + ab[1] * c[ci];
                    }
                }
                gemm.storeTile(acc, shape[0], shape[1], ab[0], ab[1], c, 2, ldc);
                assertThat(bits(c)).as("%dx%d tile, alpha=%s beta=%s", shape[0], shape[1], ab[0], ab[1])
                        .isEqualTo(bits(expected));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void rejectsArraysTooSmallForTheShape(String name, IntFunction<Gemm> factory) {
        Gemm gemm = factory.apply(1);
        float[] x = new float[12];
        assertThatThrownBy(() -> gemm.gemm(false, false, 3, 4, 4, 1f, x, 0, 4, x, 0, 4, 0f, new float[11], 0, 4))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> gemm.gemm(false, false, 3, 4, 4, 1f, x, 0, 3, x, 0, 4, 0f, x, 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gemm.gemm(false, false, -1, 4, 4, 1f, x, 0, 4, x, 0, 4, 0f, x, 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Runs one case with offsets and padded leading dimensions, checks C against the reference and checks
     * that no value outside C's m x n window changed.
     */
    private static void check(Gemm gemm, SplittableRandom rnd, boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float beta, int offset, int pad, boolean nanInC) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + pad;
        int ldb = bCols + pad + 1;
        int ldc = n + pad;
        float[] a = random(rnd, offset + aRows * lda);
        float[] b = random(rnd, offset + bRows * ldb + 1);
        float[] c = new float[offset + m * ldc + 3];
        Arrays.fill(c, SENTINEL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[offset + i * ldc + j] = nanInC ? Float.NaN : (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        double[][] ref = ReferenceGemm.gemm(transA, transB, m, n, k, alpha, a, offset, lda, b, offset, ldb,
                beta, c, offset, ldc);
        gemm.gemm(transA, transB, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, c, offset, ldc);
        double tol = TOLERANCE * Math.sqrt(Math.max(k, 1));
        String what = String.format("%s %s%s m=%d n=%d k=%d alpha=%s beta=%s", gemm.name(), transA ? "T" : "N",
                transB ? "T" : "N", m, n, k, alpha, beta);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = ref[0][i * n + j];
                float got = c[offset + i * ldc + j];
                double bound = tol * ref[1][i * n + j];
                if (!(Math.abs(got - expected) <= bound)) {
                    throw new AssertionError(what + ": C[" + i + "][" + j + "] = " + got + ", expected " + expected
                            + " within " + bound);
                }
            }
        }
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - offset;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && c[idx] != SENTINEL) {
                throw new AssertionError(what + ": wrote outside C at index " + idx);
            }
        }
    }

    /**
     * gemmInCache, which reads full tiles of A where they lie, gives the bits of gemm in every layout: ragged m (a
     * last tile packed), k across several depth slices, offsets and leading dimensions past the shape, alpha 1 and
     * other, beta 0, 1 and other.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void gemmInCacheGivesTheBitsOfGemm(String name, IntFunction<Gemm> factory) {
        SplittableRandom rnd = new SplittableRandom(7);
        Gemm gemm = factory.apply(1);
        for (int trial = 0; trial < 32; trial++) {
            boolean transA = (trial & 1) != 0;
            boolean transB = (trial & 2) != 0;
            int m = shape(rnd);
            int n = shape(rnd);
            int k = shape(rnd);
            float beta = BETAS[(trial >> 2) % BETAS.length];
            int lda = (transA ? m : k) + rnd.nextInt(3);
            int ldb = (transB ? k : n) + rnd.nextInt(3);
            int ldc = n + rnd.nextInt(3);
            int aOff = rnd.nextInt(4);
            int bOff = rnd.nextInt(4);
            float[] a = random(rnd, aOff + (transA ? k : m) * lda);
            float[] b = random(rnd, bOff + (transB ? n : k) * ldb);
            float[] c = random(rnd, m * ldc);
            // alpha 1 with beta 0 or 1 is written straight into C, anything else through the tile
            float alpha = trial % 3 == 2 ? -0.75f : 1f;
            float[] expected = c.clone();
            gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, 0, ldc);
            float[] got = c.clone();
            gemm.gemmInCache(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, got, 0, ldc);
            assertThat(got).as("transA=%s transB=%s m=%d n=%d k=%d alpha=%s beta=%s", transA, transB, m, n, k, alpha,
                    beta).containsExactly(expected);
        }
        // B exactly one panel wide with contiguous rows, which gemmInCache reads in place
        int panel = 2 * jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        for (boolean transA : new boolean[] {false, true}) {
            int m = 37;
            int k = 301;
            float[] a = random(rnd, 3 + m * k);
            float[] b = random(rnd, 2 + k * panel);
            float[] expected = random(rnd, m * panel);
            float[] got = expected.clone();
            float beta = transA ? 1f : 0.5f;
            gemm.gemm(transA, false, m, panel, k, 1f, a, 3, transA ? m : k, b, 2, panel, beta, expected, 0, panel);
            gemm.gemmInCache(transA, false, m, panel, k, 1f, a, 3, transA ? m : k, b, 2, panel, beta, got, 0, panel);
            assertThat(got).as("one panel of B, transA=%s", transA).containsExactly(expected);
        }
        assertThatThrownBy(() -> gemm.gemmInCache(false, false, 13, 2, 5, 1f, new float[60], 0, 5, new float[10], 0,
                2, 0f, new float[26], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("A: ");
    }

    private static int shape(SplittableRandom rnd) {
        // Mostly small and ragged, sometimes up to 300, sometimes 0 or 1.
        int kind = rnd.nextInt(10);
        return kind == 0 ? rnd.nextInt(2) : kind < 7 ? rnd.nextInt(2, 80) : rnd.nextInt(80, 301);
    }

    static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static int[] bits(float[] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Float.floatToRawIntBits(x[i]);
        }
        return out;
    }
}
