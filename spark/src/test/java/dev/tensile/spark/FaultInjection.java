package dev.tensile.spark;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.TaskContext;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Params;

/**
 * A test-only augmentation (registered by this module's test resources) that leaves batches alone, except that on
 * partition 1, when armed, its n-th call throws (on a task's first attempt only: Spark's retry then succeeds) or
 * writes a NaN into the batch. Executors find it like any plugin on their class path.
 */
public final class FaultInjection implements Augmentation {
    /** The call of partition 1 that throws on a first attempt; 0: none. */
    static final AtomicInteger THROW_AT = new AtomicInteger();
    /** The call of partition 1 that poisons its batch with a NaN; 0: none. */
    static final AtomicInteger NAN_AT = new AtomicInteger();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final AtomicInteger THROWN = new AtomicInteger();

    static void reset() {
        THROW_AT.set(0);
        NAN_AT.set(0);
        CALLS.set(0);
        THROWN.set(0);
    }

    @Override
    public String name() {
        return "test-faults";
    }

    @Override
    public String description() {
        return "test only: throws once or writes a NaN on partition 1";
    }

    @Override
    public Augmenter create(Params params) {
        return (x, y, rng) -> {
            TaskContext task = TaskContext.get();
            if (task == null || task.partitionId() != 1) {
                return;
            }
            int call = CALLS.incrementAndGet();
            if (call == THROW_AT.get() && task.attemptNumber() == 0) {
                THROWN.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1, call " + call);
            }
            if (call == NAN_AT.get()) {
                x.data()[0] = Float.NaN;
            }
        };
    }
}
