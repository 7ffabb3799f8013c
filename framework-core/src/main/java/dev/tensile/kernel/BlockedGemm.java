package dev.tensile.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The BLIS/GotoBLAS loop nest shared by {@link PanamaGemm} and {@link ScalarGemm}: only the micro-kernel
 * differs between them.
 *
 * <p>Loops, outermost first: columns of C in panels of {@code nc}; depth in slices of {@code kc}, packing
 * the kc x nc panel of op(B) into micro-panels of {@code nr} columns; rows of C in blocks of {@code mc},
 * packing the mc x kc block of op(A) into micro-panels of {@code mr} rows; then the micro-kernel on every
 * mr x nr tile. Packing absorbs the transposes, so one micro-kernel serves every layout, and it pads edge
 * panels with zeros so the micro-kernel always computes a full tile, into a scratch tile that is then
 * scaled and stored into C (only its valid part, at the edges).
 *
 * <p>With several threads, C is cut into one part per thread, each computed in the one-thread order with the
 * thread's own packed slices of B: tall products (m x threads > n) by rows, each thread packing its rows of A and
 * all of B; wide ones (B2b's 256 x 1024 products) by columns, each thread packing all of A and its columns of B. The
 * threads never wait for each other before the end of the call. Work is never split over k and every element of C is summed slice after slice, so 1 and N threads
 * give the same bits.
 */
abstract class BlockedGemm implements Gemm {
    /**
     * Below this many multiply-adds (m*n*k; 2M is about 15 microseconds on one thread) one thread is
     * faster than waking another, which takes tens of microseconds.
     */
    static final long PARALLEL_THRESHOLD = 128L * 128 * 128;

    /**
     * Most row tiles per block of A when the tiles of C are read back (every depth slice after the first, or beta
     * != 0). For each micro-panel of B the micro-kernel walks down the block's rows, so every row of C in the block
     * is a stream of reads that advances by one tile width per micro-panel; fewer rows per block (48 of 12, 24 of
     * 6, against mc's 192 and 96 on the Xeon) ran the read-back slices faster, plausibly because the hardware
     * prefetcher follows few streams: on the Xeon 1-4% at n = 1024 on one thread, B2b on two threads 3% faster on
     * 256-bit vectors and level on 512-bit (benchmarks/README.md). A slice that only writes C keeps mc's blocks,
     * which re-read each micro-panel of B from L2 less often (up to 5% faster there).
     */
    static final int READ_BACK_TILES = 4;

    final int mr;
    final int nr;
    final int kc;
    final int mc;
    final int nc;
    private final int threads;
    private final ComputePool pool;
    // Static: one set of packing buffers per thread, whatever the number of instances (tests make many).
    private static final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);
    private final ThreadLocal<Job> jobs = ThreadLocal.withInitial(Job::new);
    // Where packed B starts in its buffer: on a cache line where the heap's layout tells (LineAlignedArrays)
    private static final int B_START = LineAlignedArrays.OFFSET;

    /**
     * @param threads the thread count, caller included; 0 follows the shared {@link ComputePool}'s setting
     */
    BlockedGemm(int mr, int nr, int kc, int mc, int nc, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("thread count must be 0 (the pool's default) or more, got " + threads);
        }
        if (mc % mr != 0 || nc % nr != 0) {
            throw new IllegalArgumentException("mc and nc must be multiples of mr and nr");
        }
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
        this.threads = threads;
        this.pool = ComputePool.shared();
    }

    /** The thread count this instance uses, caller included. */
    public int threads() {
        return threads == 0 ? pool.threads() : threads;
    }

    /**
     * Computes one mr x nr tile over a depth of {@code kc} from packed micro-panels (A: kc steps of mr
     * values, B: kc steps of nr values) and writes the sums, row-major, to {@code acc[0, mr * nr)}.
     *
     * <p>It leaves alpha, beta and C to {@link #storeTile}, which keeps this method small: a large hot
     * method can fail to compile in C1 ("out of virtual registers") and then stay stuck in slow code.
     */
    abstract void microKernel(int kc, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc);

    /**
     * Packs depth [pc, pc + kb) and columns [jc, jc + nb) of op(B) into micro-panels of nr columns at {@code bp[bpOff]},
     * laid out as {@link GemmPacking#packB} does; an override may copy faster but must give the same panel.
     */
    void packB(boolean transB, float[] b, int bOffset, int ldb, int pc, int kb, int jc, int nb, float[] bp, int bpOff) {
        GemmPacking.packB(transB, nr, b, bOffset, ldb, pc, kb, jc, nb, bp, bpOff);
    }

    /**
     * {@code C = alpha * acc + beta * C} on a rows x cols tile, each product rounded on its own; beta = 0
     * does not read C. Overrides must round the same way, so that a full tile and an edge tile agree.
     */
    void storeTile(float[] acc, int rows, int cols, float alpha, float beta, float[] c, int cIdx, int ldc) {
        for (int r = 0; r < rows; r++) {
            int t = r * nr;
            int ci = cIdx + r * ldc;
            if (beta == 0f) {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] = alpha * acc[t + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] = alpha * acc[t + j] + beta * c[ci + j];
                }
            }
        }
    }

    @Override
    public final void gemm(boolean transA, boolean transB, int m, int n, int k,
                           float alpha, float[] a, int aOffset, int lda,
                           float[] b, int bOffset, int ldb,
                           float beta, float[] c, int cOffset, int ldc) {
        if (checkedAndTrivial(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                ldc)) {
            return;
        }
        int t = threads();
        if (t <= 1 || (long) m * n * k < PARALLEL_THRESHOLD) {
            t = 1;
        }
        Job job = jobs.get();
        if (transposedFits(m, n)) {
            // C^T = op(B)^T op(A)^T: the narrow side of C becomes the tile's rows. Each element of C is the same
            // sum of the same products in the same order (a multiply-add does not care which factor comes
            // first), so the result has the same bits either way.
            job.set(!transB, !transA, n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc, t, true);
        } else {
            job.set(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, t, false);
        }
        try {
            job.run();
        } finally {
            job.clear();
        }
    }

    /**
     * Whether to compute C^T instead: when C is narrow (the output layer's n = 10 against a 32-column tile
     * wastes two thirds of every multiply-add), the transposed problem pads far less. Only when it pads at most
     * 80% as much: its stores into C are scalar.
     */
    final boolean transposedFits(int m, int n) {
        long padded = (long) roundUp(m, mr) * roundUp(n, nr);
        long paddedT = (long) roundUp(n, mr) * roundUp(m, nr);
        return paddedT * 5 <= padded * 4;
    }

    /**
     * Whether several threads take a share of C's columns each (packing all of A and their columns of B) rather than
     * a share of its rows (their rows of A and all of B): when C has few rows for its columns (B2b's m = 256 against
     * n = 1024), A is the small operand, and packing it once per thread costs less (B2b's m = 256 products ran 3-12%
     * faster split by columns than by rows on two threads; benchmarks/README.md).
     */
    final boolean splitsColumns(int m, int n, int threads) {
        return threads > 1 && (long) m * threads <= n && n >= 2L * threads * nr;
    }

    /** {@link #storeTile} into C^T: tile row r, column j go to C[j, r], at cIdx + j * ldc + r. */
    private static void storeTileTransposed(float[] acc, int nr, int rows, int cols, float alpha, float beta,
                                            float[] c, int cIdx, int ldc) {
        for (int j = 0; j < cols; j++) {
            int ci = cIdx + j * ldc;
            if (beta == 0f) {
                for (int r = 0; r < rows; r++) {
                    c[ci + r] = alpha * acc[r * nr + j];
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    c[ci + r] = alpha * acc[r * nr + j] + beta * c[ci + r];
                }
            }
        }
    }

    /**
     * The macro-kernel: C[ic:ic+mb, jc:jc+nb] from a packed mb x kb block of A and a packed slice of B
     * (micro-panel jr at bp[bOff + jr * kb]).
     */
    private void macroKernel(float[] ap, int mb, float[] bp, int bOff, int kb, int nb, float[] tile,
                             float alpha, float beta, float[] c, int cRow, int ldc, boolean transC) {
        for (int jr = 0; jr < nb; jr += nr) {
            int nrb = Math.min(nr, nb - jr);
            int bIdx = bOff + jr * kb;
            for (int ir = 0; ir < mb; ir += mr) {
                int mrb = Math.min(mr, mb - ir);
                microKernel(kb, ap, ir * kb, bp, bIdx, tile);
                if (transC) {
                    storeTileTransposed(tile, nr, mrb, nrb, alpha, beta, c, cRow + ir + jr * ldc, ldc);
                } else {
                    storeTile(tile, mrb, nrb, alpha, beta, c, cRow + ir * ldc + jr, ldc);
                }
            }
        }
    }

    /**
     * Whether {@link #microKernelDirect} is implemented; without it {@link #gemmInCache} is {@link #gemm}.
     */
    boolean hasDirectKernel() {
        return false;
    }

    /**
     * {@link #microKernel} reading A where it lies: value (tile row r, depth step p) at {@code a[aIdx + r * lda + p]},
     * or with transA at {@code a[aIdx + p * lda + r]}; the same multiply-adds in the same order.
     */
    void microKernelDirect(int kc, boolean transA, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        throw new UnsupportedOperationException(name() + " has no direct micro-kernel");
    }

    /**
     * The one-thread loop nest without packing A: each full tile of rows is read from A as it lies (row-major or
     * transposed), only a last, partial one is packed (its missing rows must read as zeros). B is packed unless it
     * is exactly one panel wide with its rows contiguous (conv2d's first layer: 32 filters on 512-bit vectors).
     * The depth slices, the packing of B and the micro-kernel's sums are those of {@link #gemm}, so the bits are too.
     */
    @Override
    public final void gemmInCache(boolean transA, boolean transB, int m, int n, int k,
                                  float alpha, float[] a, int aOffset, int lda,
                                  float[] b, int bOffset, int ldb,
                                  float beta, float[] c, int cOffset, int ldc) {
        if (!hasDirectKernel()) {
            gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        if (checkedAndTrivial(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                ldc)) {
            return;
        }
        int kcEven = evenSlice(k);
        Workspace ws = workspace.get();
        // B of one panel's width with rows nr apart is already laid out as its packed panel: read it in place
        boolean bInPlace = !transB && n == nr && ldb == nr;
        float[] bp = bInPlace ? b : ws.bBuffer(Math.min(nc, roundUp(n, nr)) * kcEven);
        float[] ap = ws.aBuffer(mr * kcEven);
        float[] tile = ws.tileBuffer(mr * nr);
        int full = m / mr * mr;
        for (int jc = 0; jc < n; jc += nc) {
            int nb = Math.min(nc, n - jc);
            for (int pc = 0; pc < k; pc += kcEven) {
                int kb = Math.min(kcEven, k - pc);
                float sliceBeta = pc == 0 ? beta : 1f;
                if (!bInPlace) {
                    packB(transB, b, bOffset, ldb, pc, kb, jc, nb, bp, B_START);
                }
                if (full < m) {
                    GemmPacking.packA(transA, mr, a, aOffset, lda, full, m - full, pc, kb, ap);
                }
                for (int jr = 0; jr < nb; jr += nr) {
                    int nrb = Math.min(nr, nb - jr);
                    int bIdx = bInPlace ? bOffset + pc * ldb : B_START + jr * kb;
                    for (int ir = 0; ir < m; ir += mr) {
                        if (ir < full) {
                            int aIdx = aOffset + (transA ? pc * lda + ir : ir * lda + pc);
                            microKernelDirect(kb, transA, a, aIdx, lda, bp, bIdx, tile);
                        } else {
                            microKernel(kb, ap, 0, bp, bIdx, tile);
                        }
                        storeTile(tile, Math.min(mr, m - ir), nrb, alpha, sliceBeta, c, cOffset + ir * ldc + jc + jr,
                                ldc);
                    }
                }
            }
        }
    }

    /**
     * The depth of a slice: k cut into equal slices of at most kc (k = 784 gives 4 x 196, not 3 x 256 + 16), as a
     * thin last slice would pay the micro-kernel's loads and stores of C for few multiply-adds. The slices depend on
     * k alone and every element of C is summed slice after slice, so every path and thread count gives the same bits.
     */
    final int evenSlice(int k) {
        int slices = (k + kc - 1) / kc;
        return (k + slices - 1) / slices;
    }

    /**
     * Checks the arguments and does the cases with nothing to multiply: an empty C, or k = 0 or alpha = 0, where
     * C = beta C and, by the BLAS convention, A and B are not read at all. True when the call is done.
     */
    private static boolean checkedAndTrivial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                             float beta, float[] c, int cOffset, int ldc) {
        checkArgs(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOffset, ldc);
            return true;
        }
        return false;
    }

    static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    static void checkArgs(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                          float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative shape m=" + m + " n=" + n + " k=" + k);
        }
        checkMatrix("A", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOffset, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] x, int offset, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (offset < 0 || ld < cols) {
            throw new IllegalArgumentException(name + ": offset " + offset + " and leading dimension " + ld
                    + " do not fit a " + rows + "x" + cols + " matrix");
        }
        long last = offset + (long) (rows - 1) * ld + cols - 1;
        if (last >= x.length) {
            throw new IndexOutOfBoundsException(name + ": a " + rows + "x" + cols + " matrix at offset " + offset
                    + " with leading dimension " + ld + " needs " + (last + 1) + " values, the array has " + x.length);
        }
    }

    /** Per-thread packing buffers, grown on demand and then reused, so a call allocates nothing. */
    private static final class Workspace {
        private float[] a = new float[0];
        private float[] b = new float[0];
        private float[] tile = new float[0];

        float[] aBuffer(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        /** Room for {@code size} floats from {@link #B_START}, where the packed panel starts a cache line. */
        float[] bBuffer(int size) {
            if (b.length < size + B_START) {
                b = LineAlignedArrays.allocate(size);
            }
            return b;
        }

        float[] tileBuffer(int size) {
            if (tile.length < size) {
                tile = new float[size];
            }
            return tile;
        }
    }

    /**
     * One call, kept per calling thread and reused so that a call allocates nothing. With several threads it is one
     * job on the pool, one task per part of C, each task running the one-thread order on its part with its own
     * packed slices of B. Until 3 December the threads of a row split shared one packed panel of B, each packing
     * part of every slice and reading the rest from the other core; packing its own slice instead ran n = 1024 on two
     * threads 5% faster on 512-bit vectors and 2% on 256-bit ones, once packing B had become a vector copy (medians
     * of alternating rounds in one JVM, JDK 17 and 25; benchmarks/README.md), and needs no waits between threads.
     */
    private final class Job implements IntConsumer {
        boolean transA;
        boolean transB;
        int m;
        int n;
        int k;
        float alpha;
        float[] a;
        int aOffset;
        int lda;
        float[] b;
        int bOffset;
        int ldb;
        float beta;
        float[] c;
        int cOffset;
        int ldc;
        int threads;
        // C holds the transpose of the product computed here (see transposedFits)
        boolean transC;
        // Depth slices: kcEven deep, the last one possibly less
        int kcEven;
        int rowTiles;
        // C split into this many parts, one task each: by columns when splitsColumns, else by rows
        int parts;
        boolean byColumns;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                 float beta, float[] c, int cOffset, int ldc, int threads, boolean transC) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOffset = aOffset;
            this.lda = lda;
            this.b = b;
            this.bOffset = bOffset;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOffset = cOffset;
            this.ldc = ldc;
            this.threads = threads;
            this.transC = transC;
        }

        void run() {
            kcEven = evenSlice(k);
            rowTiles = (m + mr - 1) / mr;
            if (threads == 1) {
                serial(0, rowTiles, 0, n);
                return;
            }
            byColumns = splitsColumns(m, n, threads);
            parts = byColumns ? threads : Math.min(threads, rowTiles);
            pool.run(threads, parts, this);
        }

        @Override
        public void accept(int task) {
            if (byColumns) {
                int colTiles = (n + nr - 1) / nr;
                serial(0, rowTiles, colTiles * task / parts * nr, Math.min(n, colTiles * (task + 1) / parts * nr));
            } else {
                int t0 = rowTiles * task / parts;
                serial(t0, rowTiles * (task + 1) / parts - t0, 0, n);
            }
        }

        /**
         * The textbook order on one thread for row tiles [t0, t0 + tiles) and columns [j0, j1) of C: a depth slice
         * of B packed into this thread's own buffer, then every block of those rows, each packing its rows of A,
         * while that slice sits in L2. On one thread it ran 3-5% faster than walking all slices per row block.
         */
        private void serial(int t0, int tiles, int j0, int j1) {
            Workspace ws = workspace.get();
            float[] bp = ws.bBuffer(Math.min(nc, roundUp(j1 - j0, nr)) * kcEven);
            float[] ap = ws.aBuffer(mc * kc);
            float[] tile = ws.tileBuffer(mr * nr);
            for (int jp = j0; jp < j1; jp += nc) {
                int nbp = Math.min(nc, j1 - jp);
                for (int pc = 0; pc < k; pc += kcEven) {
                    int kb = Math.min(kcEven, k - pc);
                    packB(transB, b, bOffset, ldb, pc, kb, jp, nbp, bp, B_START);
                    sliceTimesRows(t0, tiles, pc, kb, bp, B_START, jp, nbp, ap, tile);
                }
            }
        }

        /**
         * One packed slice of B (depth [pc, pc + kb), columns [jp, jp + nbp) of C, at bp[bOff]) against the row tiles
         * [t0, t0 + tiles) of A, in blocks of at most mc rows, each packed in turn while the slice sits in L2.
         */
        private void sliceTimesRows(int t0, int tiles, int pc, int kb, float[] bp, int bOff, int jp, int nbp,
                                    float[] ap, float[] tile) {
            int perBlock = pc > 0 || beta != 0f ? Math.min(mc / mr, READ_BACK_TILES) : mc / mr;
            int blocks = (tiles + perBlock - 1) / perBlock;
            for (int rb = 0; rb < blocks; rb++) {
                int ic = (t0 + (int) ((long) tiles * rb / blocks)) * mr;
                int mb = Math.min(m, (t0 + (int) ((long) tiles * (rb + 1) / blocks)) * mr) - ic;
                GemmPacking.packA(transA, mr, a, aOffset, lda, ic, mb, pc, kb, ap);
                int cRow = transC ? cOffset + ic + jp * ldc : cOffset + ic * ldc + jp;
                // Only the first depth slice applies the caller's beta; later ones accumulate.
                macroKernel(ap, mb, bp, bOff, kb, nbp, tile, alpha, pc == 0 ? beta : 1f, c, cRow, ldc, transC);
            }
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }
    }
}
