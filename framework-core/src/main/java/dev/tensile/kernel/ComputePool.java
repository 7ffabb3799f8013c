package dev.tensile.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one pool of compute threads in the process: the kernels split their work over it.
 *
 * <p>Idle workers park instead of spinning, because on a machine with few cores a spinning pool steals the
 * cores that another pool (or the caller) needs. Only for a short grace period after a job (50 microseconds
 * by default, {@code -Dtensile.pool.spinMicros}, 0 for none) does a worker poll for the next one, and the
 * caller poll for its workers to finish: waking a parked thread takes tens of microseconds, as long as a
 * small GEMM of a training step, which come back to back. The calling thread always takes part in its own job, so a
 * job on {@code t} threads wakes {@code t - 1} workers. Only one job runs at a time: a caller that finds the
 * pool busy (another thread's job, or a task that itself calls {@link #run}) runs its tasks inline, which
 * can never deadlock. Workers are daemon threads, created lazily, and never exit.
 */
public final class ComputePool {
    private static final ComputePool SHARED = new ComputePool(Runtime.getRuntime().availableProcessors());
    private static final long SPIN_NANOS = 1000L * Math.max(0, Integer.getInteger("tensile.pool.spinMicros", 50));

    private volatile int threads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final List<Worker> workers = new ArrayList<>();

    // The current job. Plain fields, published to each worker by the volatile write of its assigned ticket.
    private IntConsumer body;
    private int tasks;
    private Thread caller;
    private long generation;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
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
     * after the others finish; the tasks not yet started are skipped.
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
            this.body = body;
            this.tasks = tasks;
            this.caller = Thread.currentThread();
            next.set(0);
            pending.set(p - 1);
            failure.set(null);
            generation++;
            for (int w = 0; w < p - 1; w++) {
                Worker worker = workers.get(w);
                worker.assigned = generation; // volatile: publishes the job fields to this worker
                LockSupport.unpark(worker);
            }
            drain();
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (pending.get() != 0) {
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

    private void drain() {
        IntConsumer b = body;
        int n = tasks;
        int i;
        while ((i = next.getAndIncrement()) < n) {
            try {
                b.accept(i);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                next.set(n);
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
                Thread c = caller;
                drain();
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(c);
                }
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
