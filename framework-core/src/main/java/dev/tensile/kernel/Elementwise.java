package dev.tensile.kernel;

import java.util.function.IntConsumer;

/**
 * Splits an elementwise kernel of {@link VectorOps} over the {@link ComputePool} in equal ranges: relu on a batch of
 * feature maps (B3's first convolution gives 3.2 million values a batch) otherwise runs on one thread while the
 * convolutions and pooling around it use all of them. Each element is computed alone, so the result does not depend
 * on the split. One job per calling thread, reused: a call allocates nothing.
 */
final class Elementwise implements IntConsumer {
    /** Fewer values than this (256 KiB of floats) run on the caller: waking a thread costs more. */
    static final int PARALLEL = 1 << 16;
    private static final ThreadLocal<Elementwise> JOBS = ThreadLocal.withInitial(Elementwise::new);

    private VectorOpsSupport impl;
    private boolean backward;
    private float[] x;
    private float[] y;
    private float[] out;
    private int n;
    private int tasks;

    static void run(VectorOpsSupport impl, boolean backward, float[] x, float[] y, float[] out, int n) {
        Elementwise job = JOBS.get();
        ComputePool pool = ComputePool.shared();
        job.impl = impl;
        job.backward = backward;
        job.x = x;
        job.y = y;
        job.out = out;
        job.n = n;
        job.tasks = pool.tasksFor(n / PARALLEL);
        try {
            pool.run(pool.threads(), job.tasks, job);
        } finally {
            job.x = null;
            job.y = null;
            job.out = null;
        }
    }

    @Override
    public void accept(int task) {
        // ranges start on a multiple of 64 values, so every vector but the last range's tail is whole
        int from = (int) ((long) n * task / tasks) & ~63;
        int to = task + 1 == tasks ? n : (int) ((long) n * (task + 1) / tasks) & ~63;
        if (backward) {
            impl.reluBackward(x, y, from, out, from, to - from);
        } else {
            impl.relu(x, out, from, to);
        }
    }
}
