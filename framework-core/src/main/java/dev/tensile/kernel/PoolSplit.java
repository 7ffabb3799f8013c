package dev.tensile.kernel;

import java.util.function.IntConsumer;

/**
 * A job on the {@link ComputePool} cut into equal shares of its units (runs of values, rows, strips of columns,
 * blocks), with one task per {@link Elementwise#PARALLEL} values, up to the pool's limit. Each operation has a
 * subclass of its own ({@link Elementwise}, {@link RowSplits}' jobs, {@link BlockSums}): one task class shared by
 * several kernels left a vector kernel inlined into it partly boxed.
 */
abstract class PoolSplit implements IntConsumer {
    private int units;
    private int tasks;

    /** Runs the tasks over {@code units} units holding {@code values} values in all; returns when all are done. */
    final void run(int units, long values) {
        ComputePool pool = ComputePool.shared();
        this.units = units;
        this.tasks = Math.max(1, pool.tasksFor((int) Math.min(units, values / Elementwise.PARALLEL)));
        pool.run(pool.threads(), tasks, this);
    }

    /** The first unit of {@code task}; {@code start(task + 1)} is where it ends. */
    final int start(int task) {
        return ComputePool.share(units, task, tasks);
    }
}
