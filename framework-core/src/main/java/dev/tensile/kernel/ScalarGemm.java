package dev.tensile.kernel;

/**
 * The portable GEMM, used when the Vector API is missing or {@code -Dtensile.gemm=scalar} asks for it: the
 * same blocked loop nest as {@link PanamaGemm} (see {@link BlockedGemm}) around a plain-Java 4 x 4
 * micro-kernel whose 16 accumulators stay in registers. Each product is rounded before it is added
 * (no fused multiply-add), so its results differ from the Panama ones in the last bits.
 */
public final class ScalarGemm extends BlockedGemm {
    static final int MR = 4;
    static final int NR = 4;
    // The same cache budget as PanamaGemm: a kc x nr micro-panel of B in L1, an mc x kc block of A in L2.
    static final int KC = 256;
    static final int MC = 32 * MR;
    static final int NC = 256 * NR;
    static final String BLOCKING = "tile=" + MR + "x" + NR + " kc=" + KC + " mc=" + MC + " nc=" + NC;

    /** Uses the shared {@link ComputePool}'s thread count. */
    public ScalarGemm() {
        this(0);
    }

    /** @param threads threads per call, caller included; 0 follows the shared {@link ComputePool}. */
    public ScalarGemm(int threads) {
        super(MR, NR, KC, MC, NC, threads);
    }

    @Override
    void microKernel(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int p = 0; p < kc; p++) {
            float b0 = bp[bIdx + 0]; float b1 = bp[bIdx + 1]; float b2 = bp[bIdx + 2]; float b3 = bp[bIdx + 3];
            float a0 = ap[aIdx + 0];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            float a1 = ap[aIdx + 1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            float a2 = ap[aIdx + 2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            float a3 = ap[aIdx + 3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            aIdx += MR;
            bIdx += NR;
        }
        acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
        acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
        acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
        acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
