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
 * cores that another pool (or the caller) needs. The calling thread always takes part in its own job and waits
 * only for tasks, never for workers: a worker that the scheduler wakes late finds every task claimed and parks
 * again, so a busy machine slows a job down to the caller's own speed, not to the scheduler's wake-up latency.
 * Only one job runs at a time: a caller that finds the pool busy (another thread's job, or a task that itself
 * calls {@link #run}) runs its tasks inline, which can never deadlock. Workers are daemon threads, created lazily,
 * and never exit.
 */
public final class ComputePool {
    private static final ComputePool SHARED = new ComputePool(Runtime.getRuntime().availableProcessors());

    private volatile int threads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final List<Worker> workers = new ArrayList<>();

    // The current job. Plain fields, published by the volatile write of `ticket` (and of each worker's `assigned`).
    private IntConsumer body;
    private int tasks;
    private Thread caller;
    private long generation;
    /** (generation << 32) | next task index: a task is claimed by a compare-and-set within its own generation. */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ComputePool(int threads) {
        setThreads(threads);
    }

    /** The process-wide pool; its thread count defaults to {@code Runtime.availableProcessors()}. */
    public static ComputePool shared() {
        return SHARED;
    }

    /** The number of threads a kernel uses when it is not told otherwise, the caller included. */
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
     * after the running ones finish; the tasks not yet started are skipped.
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
            long g = ++generation;
            this.body = body;
            this.tasks = tasks;
            this.caller = Thread.currentThread();
            done.set(0);
            failure.set(null);
            ticket.set(g << 32);
            for (int w = 0; w < p - 1; w++) {
                Worker worker = workers.get(w);
                worker.assigned = g;
                LockSupport.unpark(worker);
            }
            work(g, body, tasks, Thread.currentThread());
            while (done.get() != tasks) {
                LockSupport.park(this);
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

    /**
     * Claims and runs tasks of job {@code g} until none is left. A claim succeeds only while {@code g} is the current
     * job, so a worker holding a stale view of an older job can never run or count anything of a newer one.
     */
    private void work(long g, IntConsumer b, int n, Thread owner) {
        for (;;) {
            long t = ticket.get();
            if ((t >>> 32) != g || (int) t >= n) {
                return;
            }
            if (!ticket.compareAndSet(t, t + 1)) {
                continue;
            }
            int finished = 1;
            try {
                b.accept((int) t);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                finished += skipRest(g, n);
            }
            if (done.addAndGet(finished) == n && owner != Thread.currentThread()) {
                LockSupport.unpark(owner);
            }
        }
    }

    /** After a failure: claims every task not yet started, so none runs; returns how many. */
    private int skipRest(long g, int n) {
        for (;;) {
            long t = ticket.get();
            int next = (int) t;
            if ((t >>> 32) != g || next >= n) {
                return 0;
            }
            if (ticket.compareAndSet(t, (g << 32) | n)) {
                return n - next;
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
            for (;;) {
                long g = assigned;
                if (g == seen) {
                    LockSupport.park(ComputePool.this);
                    continue;
                }
                seen = g;
                // Read after `assigned`: if these belong to a later job, every claim below fails harmlessly.
                IntConsumer b = body;
                int n = tasks;
                Thread owner = caller;
                if (b != null && owner != null) {
                    work(g, b, n, owner);
                }
            }
        }
    }
}
