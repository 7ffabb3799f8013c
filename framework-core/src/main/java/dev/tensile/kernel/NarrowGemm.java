package dev.tensile.kernel;

import java.util.function.IntConsumer;

/**
 * The products of a narrow layer (the output layer's n = 10) without packing: a {@link Gemm} that serves them itself
 * and hands every other call to the vector GEMM it wraps. {@link GemmProvider} puts it in front of the vector GEMM it
 * chooses, so every caller of the provider gets these paths (the in-cache products run on the wrapped GEMM).
 *
 * <p>Two shapes, alpha = 1 and beta 0 or 1:
 * <ul>
 * <li><b>C with at most {@link #MAX_NARROW} columns</b> (forward {@code in · W} and the weight gradient
 *     {@code inᵀ · g}): each row of C is a vector (or two) of accumulators, one multiply-add per depth step with A's
 *     value broadcast, read where it lies; op(B) is copied once per call into rows padded to whole vectors. The GEMM
 *     would instead pack A, a strided transpose of 256 x 1024 floats for B2b's forward product that costs as much as
 *     its multiply-adds, and compute tiles of 12 x 32 or 6 x 16 of which 10 columns are used.</li>
 * <li><b>a depth of at most {@link #MAX_NARROW}</b> (the input gradient {@code g · Wᵀ} that the output layer sends
 *     back): op(B) is copied once into rows of C's width, and each tile of C is written once.</li>
 * </ul>
 * Each element of C is the same sum in the same order as in {@link BlockedGemm}: depth slices of its
 * {@link BlockedGemm#evenSlice}, each a chain of fused multiply-adds from zero in depth order, added to C slice after
 * slice. So the bits are those of the GEMM it wraps, and the same for any thread count (threads take whole rows of C).
 */
public final class NarrowGemm implements Gemm {
    /** The widest C, and the deepest short product, served here: one 512-bit vector, two 256-bit ones. */
    public static final int MAX_NARROW = 16;
    private static final String PANAMA_GEMM = "dev.tensile.kernel.PanamaGemm";
    private static final String PANAMA_KERNELS = "dev.tensile.kernel.PanamaNarrowKernels";
    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    private final BlockedGemm gemm;
    private final NarrowKernels kernels;

    private NarrowGemm(BlockedGemm gemm, NarrowKernels kernels) {
        this.gemm = gemm;
        this.kernels = kernels;
    }

    /**
     * {@code gemm} with its narrow products served here when it is the vector GEMM (whose sums these match); any
     * other GEMM (the scalar one, a test's) is returned as it is.
     */
    static Gemm wrap(Gemm gemm) {
        if (gemm instanceof NarrowGemm || !(gemm instanceof BlockedGemm blocked)
                || !gemm.getClass().getName().equals(PANAMA_GEMM)) {
            return gemm;
        }
        try {
            NarrowKernels k = (NarrowKernels) Class.forName(PANAMA_KERNELS).getDeclaredConstructor().newInstance();
            return new NarrowGemm(blocked, k);
        } catch (ReflectiveOperationException | LinkageError e) {
            return gemm;
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        // the GEMM's own checks and messages, before the narrow paths read anything
        BlockedGemm.checkArgs(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        switch (path(m, n, k, alpha, beta)) {
            case NARROW_C -> job().narrowC(this, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
            case SHORT_DEPTH -> job().shortDepth(this, transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc);
            default -> gemm.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    /** Which path a product takes. */
    enum Path { NARROW_C, SHORT_DEPTH, GEMM }

    Path path(int m, int n, int k, float alpha, float beta) {
        boolean plain = alpha == 1f && (beta == 0f || beta == 1f) && m > 0 && n > 0 && k > 0;
        if (plain && n <= MAX_NARROW) {
            return Path.NARROW_C;
        }
        return plain && k <= MAX_NARROW && k <= gemm.evenSlice(k) ? Path.SHORT_DEPTH : Path.GEMM;
    }

    /**
     * The wrapped GEMM's in-cache path, which reads A where it lies (a convolution's chunks); the default would send
     * these products through {@link #gemm} and so pack A again.
     */
    @Override
    public void gemmInCache(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
                            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        gemm.gemmInCache(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public String name() {
        return gemm.name();
    }

    /** The GEMM that serves every other product. */
    Gemm wrapped() {
        return gemm;
    }

    private static Job job() {
        return JOBS.get();
    }

    /** Threads for a product of m x n x k multiply-adds: the wrapped GEMM's rule. */
    private int threadsFor(int m, int n, int k) {
        return (long) m * n * k < BlockedGemm.PARALLEL_THRESHOLD ? 1 : gemm.threads();
    }

    /** One call's operands and the per-thread copies of op(B); reused, so a call allocates nothing once warm. */
    private static final class Job implements IntConsumer {
        private float[] copy = new float[0];
        private float[][] tiles = new float[0][];
        private NarrowKernels kernels;
        private boolean narrowC;
        private int rows;
        private int tasks;
        private int n;
        private int depth;
        private float[] x;
        private int xOff;
        private int sI;
        private int sD;
        private boolean add;
        private float[] c;
        private int cOff;
        private int ldc;
        private int slice;

        /** C (m x n, n narrow) = op(A) op(B) (+ C): op(B) padded into {@code copy}, rows of C over the pool. */
        void narrowC(NarrowGemm owner, boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset,
                     int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            int p = owner.kernels.paddedWidth(n);
            float[] yp = grow(k * p);
            for (int d = 0; d < k; d++) {
                int row = d * p;
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        yp[row + j] = b[bOffset + j * ldb + d];
                    }
                } else {
                    for (int j = 0, src = bOffset + d * ldb; j < n; j++) {
                        yp[row + j] = b[src + j];
                    }
                }
                for (int j = n; j < p; j++) {
                    yp[row + j] = 0f;
                }
            }
            set(owner, true, m, n, k, a, aOffset, transA ? 1 : lda, transA ? lda : 1, beta, c, cOffset, ldc);
            slice = owner.gemm.evenSlice(k);
            run(owner.threadsFor(m, n, k), (m + 7) / 8);
        }

        /** C (m x n) = op(A) op(B) (+ C) for k at most one slice: op(B) copied into k rows of n, rows of C over the pool. */
        void shortDepth(NarrowGemm owner, boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset,
                        int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            float[] wt = grow(k * n);
            if (transB) {
                for (int col = 0; col < n; col++) {
                    for (int j = 0, src = bOffset + col * ldb; j < k; j++) {
                        wt[j * n + col] = b[src + j];
                    }
                }
            } else {
                for (int j = 0; j < k; j++) {
                    System.arraycopy(b, bOffset + j * ldb, wt, j * n, n);
                }
            }
            set(owner, false, m, n, k, a, aOffset, transA ? 1 : lda, transA ? lda : 1, beta, c, cOffset, ldc);
            run(owner.threadsFor(m, n, k), (m + 3) / 4);
        }

        private void set(NarrowGemm owner, boolean narrow, int m, int n, int k, float[] a, int aOffset, int sI, int sD,
                         float beta, float[] c, int cOffset, int ldc) {
            this.kernels = owner.kernels;
            this.narrowC = narrow;
            this.rows = m;
            this.n = n;
            this.depth = k;
            this.x = a;
            this.xOff = aOffset;
            this.sI = sI;
            this.sD = sD;
            this.add = beta != 0f;
            this.c = c;
            this.cOff = cOffset;
            this.ldc = ldc;
        }

        private void run(int threads, int blocks) {
            ComputePool pool = ComputePool.shared();
            tasks = threads <= 1 ? 1 : Math.min(blocks, 2 * threads);
            if (tiles.length < tasks) {
                // a scratch tile per task (tasks run on different threads), made here before any task runs
                float[][] more = java.util.Arrays.copyOf(tiles, tasks);
                for (int t = tiles.length; t < tasks; t++) {
                    more[t] = new float[8 * 2 * MAX_NARROW];
                }
                tiles = more;
            }
            try {
                pool.run(threads, tasks, this);
            } finally {
                x = null;
                c = null;
            }
        }

        private float[] grow(int size) {
            if (copy.length < size) {
                copy = new float[size];
            }
            return copy;
        }

        @Override
        public void accept(int task) {
            // rows in whole tiles (8 or 4) per task, so that only the last task has a tail
            int unit = narrowC ? 8 : 4;
            int units = (rows + unit - 1) / unit;
            int r0 = Math.min(rows, ComputePool.share(units, task, tasks) * unit);
            int r1 = Math.min(rows, ComputePool.share(units, task + 1, tasks) * unit);
            if (!narrowC) {
                kernels.shortDepth(r0, r1, n, depth, x, xOff, sI, sD, copy, add, c, cOff, ldc);
                return;
            }
            float[] tile = tiles[task];
            int p = kernels.paddedWidth(n);
            for (int pc = 0; pc < depth; pc += slice) {
                int kb = Math.min(slice, depth - pc);
                kernels.narrowC(r0, r1, n, kb, x, xOff + pc * sD, sI, sD, copy, pc * p, add || pc > 0, c, cOff, ldc,
                        tile);
            }
        }
    }
}
