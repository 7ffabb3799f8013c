package dev.tensile.kernel;

/**
 * {@link VectorOps#sumOfSquares} of a large array on the {@link ComputePool}: float sums of fixed blocks of
 * {@link #BLOCK} values, split over the threads, then added in order in double by the caller, so the result does not
 * depend on the thread count. A gradient norm over B2b's weights reads 7 MiB, which one thread did alone while the
 * other waited. A job of its own rather than a case of {@link Elementwise}: a larger task method there left relu's
 * backward kernel, inlined into it, partly in boxed vector code (B2b on one thread, JDK 17, 256-bit: 0.5-3.5 ms a
 * step instead of 0.13). Split as {@link PoolSplit} splits.
 */
final class BlockSums extends PoolSplit {
    /** Values per block. */
    static final int BLOCK = 1 << 14;
    private static final ThreadLocal<BlockSums> JOBS = ThreadLocal.withInitial(BlockSums::new);

    private VectorOpsSupport impl;
    private float[] x;
    private int n;
    /** Grown to the most blocks seen (on the first steps only). */
    private float[] sums = new float[0];

    /** The sum of squares of x[0, n), n > BLOCK. */
    static double sumOfSquares(VectorOpsSupport impl, float[] x, int n) {
        BlockSums job = JOBS.get();
        int blocks = (n + BLOCK - 1) / BLOCK;
        job.impl = impl;
        job.x = x;
        job.n = n;
        if (job.sums.length < blocks) {
            job.sums = new float[blocks];
        }
        try {
            job.run(blocks, n);
        } finally {
            job.x = null;
        }
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            sum += job.sums[b];
        }
        return sum;
    }

    @Override
    public void accept(int task) {
        for (int b = start(task); b < start(task + 1); b++) {
            sums[b] = impl.sumOfSquares(x, b * BLOCK, Math.min(n, (b + 1) * BLOCK));
        }
    }
}
