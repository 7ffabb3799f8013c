package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM: the blocked loop nest of {@link BlockedGemm} around one of the
 * {@link PanamaMicroKernels}, which keep a rows x 2-vector tile of C in registers. The tile and the blocking come
 * from a {@link KernelConfig}: by default 12 x 32 floats on 512-bit vectors and 6 x 16 on
 * 256-bit ones, with kc, mc and nc from the cache sizes; {@code tensile bench tune} can store others.
 *
 * <p>Only {@link GemmProvider} names this class, and only by reflection, so a JVM without the
 * {@code jdk.incubator.vector} module never links it.
 */
public final class PanamaGemm extends BlockedGemm {
    // Static final, so C2 folds the species and turns each vector operation into one instruction.
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private final KernelConfig config;

    /** The cache rule's kernel for this machine, on the shared {@link ComputePool}'s thread count. */
    public PanamaGemm() {
        this(0);
    }

    /** @param threads threads per call, caller included; 0 follows the shared {@link ComputePool}. */
    public PanamaGemm(int threads) {
        this(threads, KernelConfig.fromCaches(vectorBits(), CacheSizes.detect()));
    }

    /**
     * @param threads threads per call, caller included; 0 follows the shared {@link ComputePool}
     * @param config  tile and blocking; its vector width must be the preferred one
     */
    public PanamaGemm(int threads, KernelConfig config) {
        super(config.rows(), config.cols(), config.kc(), config.mc(), config.nc(), threads);
        if (config.vectorBits() != vectorBits()) {
            throw new IllegalArgumentException("a kernel for " + config.vectorBits() + "-bit vectors cannot run where the "
                    + "preferred vector is " + vectorBits() + " bits");
        }
        this.config = config;
    }

    /** The preferred vector width in bits, which the provider checks before choosing this class. */
    static int vectorBits() {
        return S.vectorBitSize();
    }

    /** The tile and blocking this instance uses. */
    public KernelConfig config() {
        return config;
    }

    @Override
    void microKernel(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
        PanamaMicroKernels.run(mr, kc, ap, aIdx, bp, bIdx, acc);
    }

    @Override
    boolean hasDirectKernel() {
        return true;
    }

    @Override
    void microKernelDirect(int kc, boolean transA, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        if (transA) {
            PanamaTransposedAKernels.run(mr, kc, a, aIdx, lda, bp, bIdx, acc);
        } else {
            PanamaRowMajorAKernels.run(mr, kc, a, aIdx, lda, bp, bIdx, acc);
        }
    }

    /**
     * B stored k x n: each depth step's row of B is copied to the micro-panels two vectors at a time, where the
     * scalar copy moved a float at a time (n = 1024, medians of 16 alternating rounds in one JVM against the scalar
     * copy: 2-4% faster on 1 and 2 threads, 512-bit and 256-bit vectors, JDK 17 and 25; benchmarks/README.md).
     * Edge columns and B stored transposed take the scalar packing.
     */
    @Override
    void packB(boolean transB, float[] b, int bOffset, int ldb, int pc, int kb, int jc, int nb, float[] bp, int bpOff) {
        if (transB) {
            super.packB(true, b, bOffset, ldb, pc, kb, jc, nb, bp, bpOff);
            return;
        }
        int full = nb / nr * nr;
        for (int p = 0; p < kb; p++) {
            int src = bOffset + (pc + p) * ldb + jc;
            int dst = bpOff + p * nr;
            for (int jr = 0; jr < full; jr += nr) {
                FloatVector.fromArray(S, b, src + jr).intoArray(bp, dst + jr * kb);
                FloatVector.fromArray(S, b, src + jr + L).intoArray(bp, dst + jr * kb + L);
            }
        }
        if (full < nb) {
            super.packB(false, b, bOffset, ldb, pc, kb, jc + full, nb - full, bp, bpOff + full * kb);
        }
    }

    /**
     * Full tiles vectorised; alpha * acc and beta * C are rounded on their own as in the scalar store. The two
     * cases a GEMM mostly meets, alpha = 1 with beta = 0 (the first depth slice) or 1 (every later one), skip
     * the multiplications by one, which are exact, so the bits are the same (n = 1024 on the Xeon, medians of three
     * alternating rounds against the same kernels without it: level to 3% faster on 1 thread, 2-7% on 2 threads;
     * benchmarks/README.md). It could land only once the kernels checked their species before storing: before that,
     * it changed which vector operations the interpreter met first, and that cost the 12-row kernel its stores.
     */
    @Override
    void storeTile(float[] acc, int rows, int cols, float alpha, float beta, float[] c, int cIdx, int ldc) {
        if (rows != mr || cols != nr) {
            super.storeTile(acc, rows, cols, alpha, beta, c, cIdx, ldc);
            return;
        }
        if (alpha == 1f && beta == 0f) {
            for (int r = 0, t = 0, ci = cIdx; r < rows; r++, t += 2 * L, ci += ldc) {
                FloatVector.fromArray(S, acc, t).intoArray(c, ci);
                FloatVector.fromArray(S, acc, t + L).intoArray(c, ci + L);
            }
            return;
        }
        if (alpha == 1f && beta == 1f) {
            for (int r = 0, t = 0, ci = cIdx; r < rows; r++, t += 2 * L, ci += ldc) {
                FloatVector.fromArray(S, acc, t).add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
                FloatVector.fromArray(S, acc, t + L).add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < cols; v += L) {
                int ci = cIdx + r * ldc + v;
                FloatVector out = FloatVector.fromArray(S, acc, r * cols + v).mul(alpha);
                if (beta != 0f) {
                    out = out.add(FloatVector.fromArray(S, c, ci).mul(beta));
                }
                out.intoArray(c, ci);
            }
        }
    }

    @Override
    public String name() {
        return config.kernelName();
    }
}
