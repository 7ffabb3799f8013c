package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM: the blocked loop nest of {@link BlockedGemm} around a micro-kernel that keeps an
 * MR x 2-vector tile of C in registers and issues one fused multiply-add per accumulator and depth step.
 *
 * <p>The tile follows the register file: 6 x 16 floats in 12 accumulators where vectors are 256 bits (AVX2
 * has 16 vector registers), 12 x 32 floats in 24 accumulators where they are 512 bits (AVX-512 has 32); the
 * 12-row kernel runs about 25% faster there (B2a: 59,000-65,000 samples/s against 55,000).
 * {@code -Dtensile.gemm.wide=false} keeps the 6-row kernel on AVX-512 too; see WIDE.
 *
 * <p>Only {@link GemmProvider} names this class, and only by reflection, so a JVM without the
 * {@code jdk.incubator.vector} module never links it.
 */
public final class PanamaGemm extends BlockedGemm {
    // Static final, so C2 folds the species and turns each vector operation into one instruction.
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // The 12-row kernel was once opt-in: at 2239 bytecodes (stores of C written inline) it exceeded what C1
    // can register-allocate ("out of virtual registers"), and on a busy machine the tiered policy could park
    // it in tier-2 C1 code, where every vector operation allocates: 700 samples/s instead of 35,000 on B2a.
    // Since the sums leave through a scratch tile it is 938 bytecodes and moves through tiers 2/3 to 4 like
    // the 6-row one: 0 strandings in 38 runs on JDK 17 and 25, 24 of them with a second JVM competing for
    // the cores (before: 3 in 10), and none in 8 runs of B2a. The property stays as an escape hatch.
    private static final boolean WIDE = L >= 16 && !"false".equals(System.getProperty("tensile.gemm.wide"));
    static final int MR = WIDE ? 12 : 6;
    static final int NR = 2 * L;

    // Cache blocking, from lscpu of the benchmark machine (48 KiB L1d and 2 MiB L2 per core) with Zen 1
    // (32 KiB, 512 KiB) in mind. The kc x nr micro-panel of B stays in L1 while the micro-kernel sweeps
    // the mc x kc block of A in L2; the kc x nc panel of B streams from L2/L3.
    //   kc = 256: B micro-panel 32 KiB + A micro-panel 12 KiB with AVX-512 (16 + 6 KiB with AVX2).
    //   mc = 16 * MR: the A block is 192 KiB (96 KiB with AVX2), well inside L2.
    //   nc = 2048: the B panel is 2 MiB, L2-sized here (on Zen 1 it lives in L3); A is packed once per
    //             panel, so a narrower panel repacks A more often (nc = 1024 ran n = 2048 4% slower).
    // Measured at n = 1024 and 2048: kc from 128 to 512 and mc from 8 to 64 micro-panels all land within
    // the machine's noise (about 10%).
    static final int KC = 256;
    static final int MC = 16 * MR;
    static final int NC = 2048;

    /** Uses the shared {@link ComputePool}'s thread count. */
    public PanamaGemm() {
        this(0);
    }

    /** @param threads threads per call, caller included; 0 follows the shared {@link ComputePool}. */
    public PanamaGemm(int threads) {
        super(MR, NR, KC, MC, NC, threads);
    }

    /** The preferred vector width in bits, which the provider checks before choosing this class. */
    static int vectorBits() {
        return S.vectorBitSize();
    }

    @Override
    void microKernel(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
        if (WIDE) {
            kernel12x2(kc, ap, aIdx, bp, bIdx, acc);
        } else {
            kernel6x2(kc, ap, aIdx, bp, bIdx, acc);
        }
    }

    // Full tiles vectorised; alpha * acc and beta * C are rounded on their own as in the scalar store.
    @Override
    void storeTile(float[] acc, int rows, int cols, float alpha, float beta, float[] c, int cIdx, int ldc) {
        if (rows != MR || cols != NR) {
            super.storeTile(acc, rows, cols, alpha, beta, c, cIdx, ldc);
            return;
        }
        for (int r = 0; r < MR; r++) {
            for (int v = 0; v < NR; v += L) {
                int ci = cIdx + r * ldc + v;
                FloatVector out = FloatVector.fromArray(S, acc, r * NR + v).mul(alpha);
                if (beta != 0f) {
                    out = out.add(FloatVector.fromArray(S, c, ci).mul(beta));
                }
                out.intoArray(c, ci);
            }
        }
    }

    // Written out by hand: C2 keeps locals in registers but not arrays, and needs an int counter. The sums
    // leave through acc, not C: fewer vector calls keep the method inside C2's inlining budget.
    private static void kernel12x2(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        FloatVector c60 = zero, c61 = zero;
        FloatVector c70 = zero, c71 = zero;
        FloatVector c80 = zero, c81 = zero;
        FloatVector c90 = zero, c91 = zero;
        FloatVector c100 = zero, c101 = zero;
        FloatVector c110 = zero, c111 = zero;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[aIdx + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[aIdx + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[aIdx + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[aIdx + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[aIdx + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[aIdx + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[aIdx + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[aIdx + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(S, ap[aIdx + 8]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(S, ap[aIdx + 9]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(S, ap[aIdx + 10]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, ap[aIdx + 11]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
            aIdx += 12;
            bIdx += 2 * L;
        }
        c00.intoArray(acc, 0 * 2 * L);
        c01.intoArray(acc, 0 * 2 * L + L);
        c10.intoArray(acc, 1 * 2 * L);
        c11.intoArray(acc, 1 * 2 * L + L);
        c20.intoArray(acc, 2 * 2 * L);
        c21.intoArray(acc, 2 * 2 * L + L);
        c30.intoArray(acc, 3 * 2 * L);
        c31.intoArray(acc, 3 * 2 * L + L);
        c40.intoArray(acc, 4 * 2 * L);
        c41.intoArray(acc, 4 * 2 * L + L);
        c50.intoArray(acc, 5 * 2 * L);
        c51.intoArray(acc, 5 * 2 * L + L);
        c60.intoArray(acc, 6 * 2 * L);
        c61.intoArray(acc, 6 * 2 * L + L);
        c70.intoArray(acc, 7 * 2 * L);
        c71.intoArray(acc, 7 * 2 * L + L);
        c80.intoArray(acc, 8 * 2 * L);
        c81.intoArray(acc, 8 * 2 * L + L);
        c90.intoArray(acc, 9 * 2 * L);
        c91.intoArray(acc, 9 * 2 * L + L);
        c100.intoArray(acc, 10 * 2 * L);
        c101.intoArray(acc, 10 * 2 * L + L);
        c110.intoArray(acc, 11 * 2 * L);
        c111.intoArray(acc, 11 * 2 * L + L);
    }

    private static void kernel6x2(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[aIdx + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[aIdx + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[aIdx + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[aIdx + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[aIdx + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[aIdx + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            aIdx += 6;
            bIdx += 2 * L;
        }
        c00.intoArray(acc, 0 * 2 * L);
        c01.intoArray(acc, 0 * 2 * L + L);
        c10.intoArray(acc, 1 * 2 * L);
        c11.intoArray(acc, 1 * 2 * L + L);
        c20.intoArray(acc, 2 * 2 * L);
        c21.intoArray(acc, 2 * 2 * L + L);
        c30.intoArray(acc, 3 * 2 * L);
        c31.intoArray(acc, 3 * 2 * L + L);
        c40.intoArray(acc, 4 * 2 * L);
        c41.intoArray(acc, 4 * 2 * L + L);
        c50.intoArray(acc, 5 * 2 * L);
        c51.intoArray(acc, 5 * 2 * L + L);
    }

    @Override
    public String name() {
        return WIDE ? "panama-avx512" : L == 8 ? "panama-avx2" : "panama-" + S.vectorBitSize() + "-6row";
    }
}
