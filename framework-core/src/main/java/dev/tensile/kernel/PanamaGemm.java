package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM: the blocked loop nest of {@link BlockedGemm} around a 6 x 2-vector micro-kernel
 * (6 x 16 floats with AVX2, 6 x 32 with AVX-512) that keeps its 12 accumulators in registers and issues one
 * fused multiply-add per accumulator and depth step.
 *
 * <p>Only {@link GemmProvider} names this class, and only by reflection, so a JVM without the
 * {@code jdk.incubator.vector} module never links it.
 */
public final class PanamaGemm extends BlockedGemm {
    // A static final species lets C2 turn every vector operation into one instruction.
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;

    // Blocking (see lscpu). A kc x nr micro-panel of B stays in L1 while the micro-kernel sweeps the
    // mc x kc block of A held in L2; the kc x nc panel of B lives in L2/L3.
    //   kc = 256: the B micro-panel is 256 * 32 * 4 = 32 KiB with AVX-512 (16 KiB with AVX2), the A
    //             micro-panel 6 KiB: both fit a 48 KiB L1d (32 KiB on Zen 1 with AVX2).
    //   mc = 96:  the A block is 96 KiB, a small part of L2 (2 MiB here, 512 KiB on Zen 1), leaving room
    //             for the B panel streaming through it.
    //   nc = 2048 (AVX-512) / 1024 (AVX2): the B panel is 2 MiB / 1 MiB, shared L2/L3.
    static final int KC = 256;
    static final int MC = 16 * MR;
    static final int NC = 64 * NR;

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
    void microKernel(int kc, float[] ap, int aIdx, float[] bp, int bIdx,
                     float alpha, float beta, float[] c, int cIdx, int ldc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        // An int counter and 12 independent accumulators: what C2 needs to keep the FMA ports busy.
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
            aIdx += MR;
            bIdx += NR;
        }
        store(c00, c01, alpha, beta, c, cIdx + 0 * ldc);
        store(c10, c11, alpha, beta, c, cIdx + 1 * ldc);
        store(c20, c21, alpha, beta, c, cIdx + 2 * ldc);
        store(c30, c31, alpha, beta, c, cIdx + 3 * ldc);
        store(c40, c41, alpha, beta, c, cIdx + 4 * ldc);
        store(c50, c51, alpha, beta, c, cIdx + 5 * ldc);
    }

    private static void store(FloatVector acc0, FloatVector acc1, float alpha, float beta, float[] c, int idx) {
        FloatVector r0 = alpha == 1f ? acc0 : acc0.mul(alpha);
        FloatVector r1 = alpha == 1f ? acc1 : acc1.mul(alpha);
        if (beta != 0f) {
            FloatVector old0 = FloatVector.fromArray(S, c, idx);
            FloatVector old1 = FloatVector.fromArray(S, c, idx + L);
            r0 = r0.add(beta == 1f ? old0 : old0.mul(beta));
            r1 = r1.add(beta == 1f ? old1 : old1.mul(beta));
        }
        r0.intoArray(c, idx);
        r1.intoArray(c, idx + L);
    }

    @Override
    public String name() {
        return L >= 16 ? "panama-avx512" : L == 8 ? "panama-avx2" : "panama-" + S.vectorBitSize();
    }
}
