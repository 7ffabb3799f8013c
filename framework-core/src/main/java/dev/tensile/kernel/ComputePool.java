package dev.tensile.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one pool of compute threads in the process: the kernels split their work over it.
 *
 * <p>Idle workers park instead of spinning, because on a machine with few cores a spinning pool steals the
 * cores that another pool (or the caller) needs. Only for a short grace period after a job (50 microseconds
 * by default, {@code -Dtensile.pool.spinMicros}, 0 for none) does a worker poll for the next one, and the
 * caller poll for its tasks to finish: waking a parked thread takes tens of microseconds, as long as one
 * small GEMM of a training step, and those come back to back.
 *
 * <p>The calling thread takes part in its own job, and tasks go to whichever thread asks first. A job is
 * done when its tasks are, not when every worker has checked in: a worker that the OS does not schedule in
 * time (another process on the core) simply finds nothing left when it wakes, and no one waits for it.
 * Only one job runs at a time: a caller that finds the pool busy (another thread's job, or a task that
 * itself calls {@link #run}) runs its tasks inline, which can never deadlock. Workers are daemon threads,
 * created lazily, and never exit.
 */
public final class ComputePool {
    private static final ComputePool SHARED = new ComputePool(Runtime.getRuntime().availableProcessors());
    private static final long SPIN_NANOS = 1000L * Math.max(0, Integer.getInteger("tensile.pool.spinMicros", 50));

    private volatile int threads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final List<Worker> workers = new ArrayList<>();

    // The current job. A task is claimed by a compare-and-set on next, which holds the job's generation
    // (high 32 bits) and the next task index (low 32), so a worker still holding an older generation can
    // claim nothing. tasksOfGeneration pairs the task count with its generation the same way. body and
    // caller are plain fields: they are read only by a thread holding a claimed task, while the job that
    // wrote them cannot have ended.
    private IntConsumer body;
    private Thread caller;
    private long generation;
    private volatile long tasksOfGeneration;
    private final AtomicLong next = new AtomicLong();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ComputePool(int threads) {
        setThreads(threads);
    }

    /** The process-wide pool; its thread count defaults to {@code Runtime.availableProcessors()}. */
    public static ComputePool shared() {
        return SHARED;
    }

    /** The number of threads a kernel uses when it is not told otherwise, the caller included. */
    /**
     * How many tasks to cut {@code items} independent items (images of a batch) into: four per thread, so that a
     * thread that falls behind does not hold the others up, never more than the items, one on a single thread.
     */
    public int tasksFor(int items) {
        int t = threads();
        return Math.min(items, t == 1 ? 1 : 4 * t);
    }

    /** Where task {@code task} of {@code tasks} starts in {@code items} cut into equal shares (task = tasks: the end). */
    public static int share(int items, int task, int tasks) {
        return (int) ((long) items * task / tasks);
    }

    public int threads() {
        return threads;
    }

    /** Sets the default thread count (at least 1, the caller included); 1 keeps every kernel on its caller. */
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Runs {@code body.accept(i)} for every i in [0, tasks) on at most {@code parallelism} threads, the
     * caller among them, and returns when all are done. The first exception a task throws is rethrown here
     * after the running tasks finish; the tasks not yet started are skipped.
     */
    public void run(int parallelism, int tasks, IntConsumer body) {
        int p = Math.min(parallelism, tasks);
        if (p <= 1 || !busy.compareAndSet(false, true)) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            ensureWorkers(p - 1);
            long g = ++generation & 0xFFFF_FFFFL;
            this.body = body;
            this.caller = Thread.currentThread();
            completed.set(0);
            failure.set(null);
            tasksOfGeneration = g << 32 | tasks;
            next.set(g << 32);
            for (int w = 0; w < p - 1; w++) {
                Worker worker = workers.get(w);
                worker.assigned = g;
                LockSupport.unpark(worker);
            }
            work(g);
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (completed.get() < tasks) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            this.body = null;
            this.caller = null;
            Throwable t = failure.getAndSet(null);
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            } else if (t instanceof Error) {
                throw (Error) t;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        } finally {
            busy.set(false);
        }
    }

    /** Claims and runs tasks of generation g until none is left. */
    private void work(long g) {
        long tg = tasksOfGeneration;
        if (tg >>> 32 != g) {
            return;
        }
        int tasks = (int) tg;
        for (;;) {
            long cur = next.get();
            int i = (int) cur;
            if (cur >>> 32 != g || i >= tasks) {
                return;
            }
            if (!next.compareAndSet(cur, cur + 1)) {
                continue;
            }
            Thread c = caller; // read while the job cannot end: this task is not counted yet
            int done = 1;
            try {
                body.accept(i);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                done += skipRemaining(g, tasks);
            }
            if (completed.addAndGet(done) == tasks) {
                LockSupport.unpark(c);
            }
        }
    }

    /** Claims every task not yet started, without running it; returns how many. */
    private int skipRemaining(long g, int tasks) {
        for (;;) {
            long cur = next.get();
            int i = (int) cur;
            if (cur >>> 32 != g || i >= tasks) {
                return 0;
            }
            if (next.compareAndSet(cur, g << 32 | tasks)) {
                return tasks - i;
            }
        }
    }

    private void ensureWorkers(int count) {
        while (workers.size() < count) {
            Worker w = new Worker(workers.size());
            workers.add(w);
            w.start();
        }
    }

    /** A worker runs a job only when the caller assigns it one, so workers left out of a job stay parked. */
    private final class Worker extends Thread {
        volatile long assigned;

        Worker(int index) {
            super("tensile-compute-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            long deadline = 0;
            for (;;) {
                long g = assigned;
                if (g == seen) {
                    if (System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(ComputePool.this);
                    }
                    continue;
                }
                seen = g;
                work(g);
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
