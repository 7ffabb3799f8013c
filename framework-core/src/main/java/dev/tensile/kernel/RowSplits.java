package dev.tensile.kernel;

/**
 * The row-wise work of a dense layer's step on the {@link ComputePool}: adding the bias to a batch of outputs (split
 * by rows), the bias gradient's column sums (split by strips of columns, each column still summed in row order) and
 * gathering a minibatch's examples (split by rows). On B2b each touches 0.8-1 MiB a step, which one thread did while
 * the other waited (and parked, to be woken for the next product). Every element is computed as on one thread, so the
 * results do not depend on the split. One small job class per operation (see {@link PoolSplit}).
 */
final class RowSplits {
    /** Columns per strip of a column sum: whole vectors, and rows long enough to stream. */
    static final int COLUMN_STRIP = 64;

    private RowSplits() {
    }

    static void addRowVector(VectorOpsSupport impl, float[] x, int rows, int cols, float[] row) {
        AddRow job = AddRow.JOBS.get();
        job.impl = impl;
        job.x = x;
        job.cols = cols;
        job.row = row;
        try {
            job.run(rows, (long) rows * cols);
        } finally {
            job.x = null;
            job.row = null;
        }
    }

    static void sumColumns(VectorOpsSupport impl, float[] x, int rows, int cols, float[] out) {
        SumColumns job = SumColumns.JOBS.get();
        job.impl = impl;
        job.x = x;
        job.rows = rows;
        job.cols = cols;
        job.out = out;
        try {
            job.run((cols + COLUMN_STRIP - 1) / COLUMN_STRIP, (long) rows * cols);
        } finally {
            job.x = null;
            job.out = null;
        }
    }

    static void gatherOnPool(float[] src, int cols, int[] order, int from, int rows, float[] dst) {
        Gather job = Gather.JOBS.get();
        job.src = src;
        job.cols = cols;
        job.order = order;
        job.from = from;
        job.dst = dst;
        try {
            job.run(rows, (long) rows * cols);
        } finally {
            job.src = null;
            job.order = null;
            job.dst = null;
        }
    }

    /** Rows [r0, r1) of the gather, on the calling thread. */
    static void gather(float[] src, int cols, int[] order, int from, int r0, int r1, float[] dst) {
        for (int r = r0; r < r1; r++) {
            System.arraycopy(src, order[from + r] * cols, dst, r * cols, cols);
        }
    }

    private static final class AddRow extends PoolSplit {
        static final ThreadLocal<AddRow> JOBS = ThreadLocal.withInitial(AddRow::new);
        VectorOpsSupport impl;
        float[] x;
        float[] row;
        int cols;

        @Override
        public void accept(int task) {
            int r0 = start(task);
            impl.addRowVector(x, r0 * cols, start(task + 1) - r0, cols, row);
        }
    }

    private static final class SumColumns extends PoolSplit {
        static final ThreadLocal<SumColumns> JOBS = ThreadLocal.withInitial(SumColumns::new);
        VectorOpsSupport impl;
        float[] x;
        float[] out;
        int rows;
        int cols;

        @Override
        public void accept(int task) {
            int c0 = start(task) * COLUMN_STRIP;
            int c1 = Math.min(cols, start(task + 1) * COLUMN_STRIP);
            impl.sumColumns(x, c0, rows, c1 - c0, cols, out, c0);
        }
    }

    private static final class Gather extends PoolSplit {
        static final ThreadLocal<Gather> JOBS = ThreadLocal.withInitial(Gather::new);
        float[] src;
        float[] dst;
        int[] order;
        int from;
        int cols;

        @Override
        public void accept(int task) {
            gather(src, cols, order, from, start(task), start(task + 1), dst);
        }
    }
}
