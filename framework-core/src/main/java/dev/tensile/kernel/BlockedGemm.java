package dev.tensile.kernel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
 * <p>With several threads, each takes an equal share of C's rows and runs the one-thread order on it (a depth slice
 * of B, then its blocks of rows, each packing its rows of A), over one panel of B that the threads pack together
 * as they reach each slice: whoever comes first to a part of a slice packs it, and a thread waits only for a part
 * that the other is still packing. When C has few rows for its columns (m x threads <= n: B2b's 256 x 1024
 * products), each thread instead takes an equal share of C's columns, packing its own part of B and all of A.
 * Either way the only other wait is the one at the end. Work is never split over k and every element of C is
 * summed slice after slice, so 1 and N threads give the same bits.
 */
abstract class BlockedGemm implements Gemm {
    /**
     * Below this many multiply-adds (m*n*k; 2M is about 15 microseconds on one thread) one thread is
     * faster than waking another, which takes tens of microseconds.
     */
    static final long PARALLEL_THRESHOLD = 128L * 128 * 128;

    /**
     * Most floats of B packed at once (8 MiB) with several threads: a panel of B is packed over its whole depth
     * when it fits, so that no slice is packed over one that a slower thread still reads; deeper panels are packed
     * in groups of slices, with a wait for all threads between groups.
     */
    static final long PACKED_B_FLOATS = 2L << 20;

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
    // States of a part of a packed slice of B in the threaded row split
    private static final int FREE = 0;
    private static final int PACKING = 1;
    private static final int PACKED = 2;

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
     * Whether several threads take a share of C's columns each, packing their own part of B and all of A, rather
     * than sharing one packed panel of B and taking a share of the rows: when C has few rows (B2b's m = 256 against
     * n = 1024) A is the small operand, and packing it once per thread costs less than having each thread read the
     * half of B that the other packed from the other core's cache (B2b's m = 256 products ran 3-12% faster split by
     * columns than by rows on two threads; benchmarks/README.md).
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
        float[] bp = bInPlace ? b : ws.packB(Math.min(nc, roundUp(n, nr)) * kcEven);
        float[] ap = ws.packA(mr * kcEven);
        float[] tile = ws.tile(mr * nr);
        int full = m / mr * mr;
        for (int jc = 0; jc < n; jc += nc) {
            int nb = Math.min(nc, n - jc);
            for (int pc = 0; pc < k; pc += kcEven) {
                int kb = Math.min(kcEven, k - pc);
                float sliceBeta = pc == 0 ? beta : 1f;
                if (!bInPlace) {
                    packB(transB, b, bOffset, ldb, pc, kb, jc, nb, bp, 0);
                }
                if (full < m) {
                    GemmPacking.packA(transA, mr, a, aOffset, lda, full, m - full, pc, kb, ap);
                }
                for (int jr = 0; jr < nb; jr += nr) {
                    int nrb = Math.min(nr, nb - jr);
                    int bIdx = bInPlace ? bOffset + pc * ldb : jr * kb;
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

        float[] packA(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] packB(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }

        float[] tile(int size) {
            if (tile.length < size) {
                tile = new float[size];
            }
            return tile;
        }
    }

    /**
     * One call, kept per calling thread and reused so that a call allocates nothing. With several threads and
     * many rows, each panel of B (or group of as many depth slices as {@link #PACKED_B_FLOATS} holds) is one job
     * on the pool: one task per thread, each for an equal share of C's rows, walking the slices in order. Before
     * a slice, a task packs every part of it that no one has claimed yet and waits for the parts another task
     * is still packing. Each thread thus keeps the one-thread order: its rows of A block by block against a
     * slice of B that stays in its L2. The design before (all threads pack the whole panel, wait, then take
     * blocks of rows that walk every slice) streamed the 4 MiB panel from L3 once per block and waited twice per
     * panel; at n = 1024 on two threads this one ran 1-4% faster (benchmarks/README.md).
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
        // Depth slices: kcEven deep (the last one possibly less), packed in groups of up to slicesPerGroup
        int kcEven;
        int slicesPerGroup;
        // The current panel of B and group of depth slices [pc0, pc1); slice pc sits at bp[(pc - pc0) * nbPadded]
        float[] bp;
        int jc;
        int nb;
        int nbPadded;
        int pc0;
        int pc1;
        int packParts;
        // State of each part (slice * packParts + part) of the group: FREE, PACKING or PACKED
        AtomicIntegerArray packState = new AtomicIntegerArray(0);
        int rowTiles;
        // C's rows split into this many parts, one task each, over the shared panel of B
        int rowParts;
        // Columns of C split into this many parts, one task each, every part computed in the one-thread order
        int columnParts;

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
            int slices = (k + kcEven - 1) / kcEven;
            rowTiles = (m + mr - 1) / mr;
            if (threads == 1) {
                serial(0, n);
                return;
            }
            if (splitsColumns(m, n, threads)) {
                columnParts = threads;
                try {
                    pool.run(threads, columnParts, this);
                } finally {
                    columnParts = 0;
                }
                return;
            }
            int widest = Math.min(nc, roundUp(n, nr));
            slicesPerGroup = (int) Math.max(1, Math.min(slices, PACKED_B_FLOATS / ((long) widest * kcEven)));
            bp = workspace.get().packB(widest * Math.min(k, slicesPerGroup * kcEven));
            rowParts = Math.min(threads, rowTiles);
            try {
                for (jc = 0; jc < n; jc += nc) {
                    nb = Math.min(nc, n - jc);
                    nbPadded = roundUp(nb, nr);
                    // Several parts per thread, so that a thread ahead of the other packs more of the slice.
                    packParts = Math.min(nbPadded / nr, 2 * threads);
                    for (pc0 = 0; pc0 < k; pc0 = pc1) {
                        pc1 = (int) Math.min(k, pc0 + (long) slicesPerGroup * kcEven);
                        int parts = (pc1 - pc0 + kcEven - 1) / kcEven * packParts;
                        if (packState.length() < parts) {
                            packState = new AtomicIntegerArray(parts);
                        }
                        for (int i = 0; i < parts; i++) {
                            packState.set(i, FREE);
                        }
                        pool.run(threads, rowParts, this);
                    }
                }
            } finally {
                rowParts = 0;
            }
        }

        /**
         * The textbook order on one thread for columns [j0, j1) of C: a depth slice of B packed into this thread's
         * own buffer, then every block of rows, each packing its rows of A, while that slice sits in L2. On one
         * thread it ran 3-5% faster than walking all slices per row block, as the threads once did over a shared panel.
         */
        private void serial(int j0, int j1) {
            Workspace ws = workspace.get();
            float[] bpOwn = ws.packB(Math.min(nc, roundUp(j1 - j0, nr)) * kcEven);
            float[] ap = ws.packA(mc * kc);
            float[] tile = ws.tile(mr * nr);
            for (int jp = j0; jp < j1; jp += nc) {
                int nbp = Math.min(nc, j1 - jp);
                for (int pc = 0; pc < k; pc += kcEven) {
                    int kb = Math.min(kcEven, k - pc);
                    packB(transB, b, bOffset, ldb, pc, kb, jp, nbp, bpOwn, 0);
                    sliceTimesRows(0, rowTiles, pc, kb, bpOwn, 0, jp, nbp, ap, tile);
                }
            }
        }

        /**
         * One packed slice of B (depth [pc, pc + kb), columns [jp, jp + nbp) of C, at bpSlice[bOff]) against the
         * row tiles [t0, t0 + tiles) of A, in blocks of at most mc rows, each packed in turn while the slice sits
         * in L2.
         */
        private void sliceTimesRows(int t0, int tiles, int pc, int kb, float[] bpSlice, int bOff, int jp, int nbp,
                                    float[] ap, float[] tile) {
            int perBlock = pc > 0 || beta != 0f ? Math.min(mc / mr, READ_BACK_TILES) : mc / mr;
            int blocks = (tiles + perBlock - 1) / perBlock;
            for (int rb = 0; rb < blocks; rb++) {
                int ic = (t0 + (int) ((long) tiles * rb / blocks)) * mr;
                int mb = Math.min(m, (t0 + (int) ((long) tiles * (rb + 1) / blocks)) * mr) - ic;
                GemmPacking.packA(transA, mr, a, aOffset, lda, ic, mb, pc, kb, ap);
                int cRow = transC ? cOffset + ic + jp * ldc : cOffset + ic * ldc + jp;
                // Only the first depth slice applies the caller's beta; later ones accumulate.
                macroKernel(ap, mb, bpSlice, bOff, kb, nbp, tile, alpha, pc == 0 ? beta : 1f, c, cRow, ldc, transC);
            }
        }

        @Override
        public void accept(int task) {
            if (columnParts > 0) {
                int colTiles = (n + nr - 1) / nr;
                serial(colTiles * task / columnParts * nr, Math.min(n, colTiles * (task + 1) / columnParts * nr));
            } else {
                rowPart(task);
            }
        }

        /**
         * Share {@code part} of C's row tiles against the current panel and group of slices, in the order of
         * {@link #serial}: each slice, once packed, against every block of these rows.
         */
        private void rowPart(int part) {
            int t0 = rowTiles * part / rowParts;
            int tiles = rowTiles * (part + 1) / rowParts - t0;
            Workspace ws = workspace.get();
            float[] ap = ws.packA(mc * kc);
            float[] tile = ws.tile(mr * nr);
            for (int pc = pc0; pc < pc1; pc += kcEven) {
                int slice = (pc - pc0) / kcEven;
                packSlice(slice, packParts * part / rowParts);
                sliceTimesRows(t0, tiles, pc, Math.min(kcEven, k - pc), bp, (pc - pc0) * nbPadded, jc, nb, ap, tile);
            }
        }

        /**
         * Packs every part of the slice that no thread has claimed yet, starting at part {@code first} (threads
         * start apart, so they rarely race for the same part), then waits for the parts others are packing. A
         * thread that is running the job never waits for one that has not started (a claimed part is being
         * packed right now), so a pool that runs the tasks one after the other still finishes.
         */
        private void packSlice(int slice, int first) {
            int base = slice * packParts;
            for (int i = 0; i < packParts; i++) {
                int part = base + (first + i) % packParts;
                if (packState.get(part) == FREE && packState.compareAndSet(part, FREE, PACKING)) {
                    try {
                        packPart(slice, part - base);
                    } finally {
                        // Even after a failure, so that no thread waits for ever; the pool rethrows the failure.
                        packState.set(part, PACKED);
                    }
                }
            }
            for (int part = base; part < base + packParts; part++) {
                while (packState.get(part) != PACKED) {
                    Thread.onSpinWait();
                }
            }
        }

        private void packPart(int slice, int part) {
            int pc = pc0 + slice * kcEven;
            int kb = Math.min(kcEven, k - pc);
            int bOff = (pc - pc0) * nbPadded;
            int colTiles = nbPadded / nr;
            int j0 = colTiles * part / packParts * nr;
            int j1 = Math.min(nb, colTiles * (part + 1) / packParts * nr);
            packB(transB, b, bOffset, ldb, pc, kb, jc + j0, j1 - j0, bp, bOff + j0 * kb);
        }

        void clear() {
            a = null;
            b = null;
            c = null;
            bp = null;
        }
    }
}
