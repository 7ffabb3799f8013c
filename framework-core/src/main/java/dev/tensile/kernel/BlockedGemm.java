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
 * <p>With several threads, each panel runs in two phases on the {@link ComputePool}: the threads pack the
 * shared panel of B together over its whole depth, then take blocks of C's rows (and, when m is small, of the
 * panel's columns) first come, first served, each walking the depth slices of its block and packing its own
 * rows of A. When C has few rows for its columns (m x threads <= n: B2b's 256 x 1024 products), each thread
 * instead takes an equal share of C's columns and runs the one-thread order on it, packing its own part of B
 * and all of A, with no wait but the one at the end. Work is never split over k and every element of C is
 * summed slice after slice, so 1 and N threads give the same bits.
 */
abstract class BlockedGemm implements Gemm {
    /**
     * Below this many multiply-adds (m*n*k; 2M is about 15 microseconds on one thread) one thread is
     * faster than waking another, which takes tens of microseconds.
     */
    static final long PARALLEL_THRESHOLD = 128L * 128 * 128;

    /**
     * Most floats of B packed at once (8 MiB): a panel of B is packed over its whole depth when it fits, so the
     * threads meet twice per panel rather than twice per depth slice; deeper panels are packed in groups of slices.
     */
    static final long PACKED_B_FLOATS = 2L << 20;

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
     * than sharing one packed panel of B and taking blocks of rows: when C has few rows (B2b's m = 256 against
     * n = 1024) A is the small operand, and packing it once per thread costs less than having each thread stream
     * the B that the other packed from the shared cache, and waiting for each other twice per panel (B2b on two
     * threads trained 17% faster this way; benchmarks/README.md).
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
     * The macro-kernel: C[ic:ic+mb, jc+jr0:jc+jr1] from a packed mb x kb block of A and a packed slice of B
     * (micro-panel jr at bp[bOff + jr * kb]).
     */
    private void macroKernel(float[] ap, int mb, float[] bp, int bOff, int kb, int jr0, int jr1, int nb, float[] tile,
                             float alpha, float beta, float[] c, int cRow, int ldc, boolean transC) {
        for (int jr = jr0; jr < jr1; jr += nr) {
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
     * or with transA at {@code a[aIdx + p * lda + r]}; the same multiply-adds in the same order. It writes the full
     * tile's sums to {@code c[cIdx + r * ldc + j]}, or with {@code add} adds them to what is there: C itself when
     * alpha is 1 and beta 0 or 1 (what {@link #storeTile} would write, without the tile's round trip through a
     * buffer), otherwise the tile buffer.
     */
    void microKernelDirect(int kc, boolean transA, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] c,
                           int cIdx, int ldc, boolean add) {
        throw new UnsupportedOperationException(name() + " has no direct micro-kernel");
    }

    /**
     * The one-thread loop nest without packing A: each full tile of rows is read from A as it lies (row-major or
     * transposed), only a last, partial one is packed (its missing rows must read as zeros). B is packed unless it
     * is exactly one panel wide with its rows contiguous (conv2d's first layer: 32 filters on 512-bit vectors). The depth slices,
     * the packing of B and the micro-kernel's sums are those of {@link #gemm}, so the bits are too.
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
                    GemmPacking.packB(transB, nr, b, bOffset, ldb, pc, kb, jc, nb, bp, 0);
                }
                if (full < m) {
                    GemmPacking.packA(transA, mr, a, aOffset, lda, full, m - full, pc, kb, ap);
                }
                for (int jr = 0; jr < nb; jr += nr) {
                    int nrb = Math.min(nr, nb - jr);
                    int bIdx = bInPlace ? bOffset + pc * ldb : jr * kb;
                    // alpha * sum + beta * C is sum or sum + C, bit for bit, when alpha is 1 and beta 0 or 1
                    boolean straightIntoC = nrb == nr && alpha == 1f && (sliceBeta == 0f || sliceBeta == 1f);
                    for (int ir = 0; ir < m; ir += mr) {
                        int cIdx = cOffset + ir * ldc + jc + jr;
                        if (ir < full) {
                            int aIdx = aOffset + (transA ? pc * lda + ir : ir * lda + pc);
                            if (straightIntoC) {
                                microKernelDirect(kb, transA, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, sliceBeta == 1f);
                                continue;
                            }
                            microKernelDirect(kb, transA, a, aIdx, lda, bp, bIdx, tile, 0, nr, false);
                        } else {
                            microKernel(kb, ap, 0, bp, bIdx, tile);
                        }
                        storeTile(tile, Math.min(mr, m - ir), nrb, alpha, sliceBeta, c, cIdx, ldc);
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

    private static void checkArgs(boolean transA, boolean transB, int m, int n, int k,
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
     * One call, kept per calling thread and reused so that a call allocates nothing. For each panel of B it
     * runs two phases on the pool, each ending when all its tasks are done: pack the panel of B over its whole
     * depth (or as many depth slices as {@link #PACKED_B_FLOATS} holds), split over slices and micro-panels;
     * then compute C block by block, each task walking every depth slice of the group for its block and
     * packing its own rows of A. Two waits per panel instead of two per depth slice: a wait costs the
     * imbalance of the phase it ends, and at n = 1024 there were eight. Blocks are small (several per thread)
     * and handed out first come, first served, so a thread that the OS takes away from us for a while does not
     * hold up the call.
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
        boolean packing;
        float[] bp;
        int jc;
        int nb;
        int nbPadded;
        int pc0;
        int pc1;
        int packParts;
        int rowTiles;
        int rowBlocks;
        int colBlock;
        int colBlocks;
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
            // Row blocks of whole micro-panels, at most mc rows, as equal as can be: a multiple of the thread
            // count and at least two per thread: equal shares when every thread runs, and something to take over
            // when one is held up. Fewer, taller blocks stream the panel of B from L2 fewer times (four per
            // thread ran 5% slower). When m is too small for that, the columns of a panel are split too.
            int mcTiles = mc / mr;
            int perThread = Math.max(2, (rowTiles + threads * mcTiles - 1) / (threads * mcTiles));
            rowBlocks = Math.min(rowTiles, threads * perThread);
            for (jc = 0; jc < n; jc += nc) {
                nb = Math.min(nc, n - jc);
                nbPadded = roundUp(nb, nr);
                int colTiles = nbPadded / nr;
                int wanted = (2 * threads + rowBlocks - 1) / rowBlocks;
                colBlocks = Math.min(colTiles, Math.max(1, wanted));
                colBlock = nr * ((colTiles + colBlocks - 1) / colBlocks);
                colBlocks = (nb + colBlock - 1) / colBlock;
                packParts = Math.min(colTiles, 2 * threads);
                for (pc0 = 0; pc0 < k; pc0 = pc1) {
                    pc1 = (int) Math.min(k, pc0 + (long) slicesPerGroup * kcEven);
                    int groupSlices = (pc1 - pc0 + kcEven - 1) / kcEven;
                    packing = true;
                    pool.run(threads, groupSlices * packParts, this);
                    packing = false;
                    pool.run(threads, rowBlocks * colBlocks, this);
                }
            }
        }

        /**
         * The textbook order on one thread for columns [j0, j1) of C: a depth slice of B packed into this thread's
         * own buffer, then every block of rows, each packing its rows of A, while that slice sits in L2. On one
         * thread it ran 3-5% faster than walking all slices per row block as the threads of the shared panel do.
         */
        private void serial(int j0, int j1) {
            Workspace ws = workspace.get();
            float[] bpOwn = ws.packB(Math.min(nc, roundUp(j1 - j0, nr)) * kcEven);
            float[] ap = ws.packA(mc * kc);
            float[] tile = ws.tile(mr * nr);
            int blocks = (rowTiles + mc / mr - 1) / (mc / mr);
            for (int jp = j0; jp < j1; jp += nc) {
                int nbp = Math.min(nc, j1 - jp);
                for (int pc = 0; pc < k; pc += kcEven) {
                    int kb = Math.min(kcEven, k - pc);
                    GemmPacking.packB(transB, nr, b, bOffset, ldb, pc, kb, jp, nbp, bpOwn, 0);
                    for (int rb = 0; rb < blocks; rb++) {
                        int ic = (int) ((long) rowTiles * rb / blocks) * mr;
                        int mb = Math.min(m, (int) ((long) rowTiles * (rb + 1) / blocks) * mr) - ic;
                        GemmPacking.packA(transA, mr, a, aOffset, lda, ic, mb, pc, kb, ap);
                        int cRow = transC ? cOffset + ic + jp * ldc : cOffset + ic * ldc + jp;
                        macroKernel(ap, mb, bpOwn, 0, kb, 0, nbp, nbp, tile, alpha, pc == 0 ? beta : 1f, c, cRow,
                                ldc, transC);
                    }
                }
            }
        }

        @Override
        public void accept(int task) {
            if (columnParts > 0) {
                int colTiles = (n + nr - 1) / nr;
                serial(colTiles * task / columnParts * nr, Math.min(n, colTiles * (task + 1) / columnParts * nr));
            } else if (packing) {
                packPart(task / packParts, task % packParts);
            } else {
                computePart(task / colBlocks, task % colBlocks);
            }
        }

        private void packPart(int slice, int part) {
            int pc = pc0 + slice * kcEven;
            int kb = Math.min(kcEven, k - pc);
            int bOff = (pc - pc0) * nbPadded;
            int colTiles = nbPadded / nr;
            int j0 = colTiles * part / packParts * nr;
            int j1 = Math.min(nb, colTiles * (part + 1) / packParts * nr);
            GemmPacking.packB(transB, nr, b, bOffset, ldb, pc, kb, jc + j0, j1 - j0, bp, bOff + j0 * kb);
        }

        private void computePart(int rb, int cb) {
            int ic = (int) ((long) rowTiles * rb / rowBlocks) * mr;
            int mb = Math.min(m, (int) ((long) rowTiles * (rb + 1) / rowBlocks) * mr) - ic;
            Workspace ws = workspace.get();
            float[] ap = ws.packA(mc * kc);
            float[] tile = ws.tile(mr * nr);
            int jr0 = cb * colBlock;
            int jr1 = Math.min(nb, jr0 + colBlock);
            int cRow = transC ? cOffset + ic + jc * ldc : cOffset + ic * ldc + jc;
            for (int pc = pc0; pc < pc1; pc += kcEven) {
                int kb = Math.min(kcEven, k - pc);
                GemmPacking.packA(transA, mr, a, aOffset, lda, ic, mb, pc, kb, ap);
                // Only the first depth slice applies the caller's beta; later ones accumulate.
                macroKernel(ap, mb, bp, (pc - pc0) * nbPadded, kb, jr0, jr1, nb, tile, alpha, pc == 0 ? beta : 1f, c,
                        cRow, ldc, transC);
            }
        }

        void clear() {
            a = null;
            b = null;
            c = null;
            bp = null;
        }
    }
}
