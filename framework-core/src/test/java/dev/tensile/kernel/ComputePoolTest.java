package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ComputePoolTest {
    private final ComputePool pool = new ComputePool(3);

    @Test
    void runsEveryTaskExactlyOnceAcrossManyJobs() {
        for (int job = 0; job < 200; job++) {
            int tasks = 1 + job % 7;
            AtomicIntegerArray hits = new AtomicIntegerArray(tasks);
            pool.run(3, tasks, hits::incrementAndGet);
            for (int i = 0; i < tasks; i++) {
                assertThat(hits.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void runsTasksConcurrentlyOnTheCallerAndAWorker() {
        // Each task waits for the other: only two threads at once can finish this job.
        var names = ConcurrentHashMap.<String>newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        pool.run(2, 2, i -> {
            names.add(Thread.currentThread().getName());
            both.countDown();
            try {
                assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(names).hasSize(2).contains(Thread.currentThread().getName());
    }

    @Test
    void rethrowsTheFirstFailureAndStaysUsable() {
        assertThatThrownBy(() -> pool.run(3, 10, i -> {
            if (i == 4) {
                throw new IllegalStateException("task 4");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("task 4");
        AtomicIntegerArray hits = new AtomicIntegerArray(5);
        pool.run(3, 5, hits::incrementAndGet);
        assertThat(hits.toString()).isEqualTo("[1, 1, 1, 1, 1]");
    }

    @Test
    void aTaskThatRunsAJobRunsItInline() {
        AtomicIntegerArray hits = new AtomicIntegerArray(12);
        pool.run(2, 3, outer -> pool.run(2, 4, inner -> hits.incrementAndGet(outer * 4 + inner)));
        for (int i = 0; i < 12; i++) {
            assertThat(hits.get(i)).isEqualTo(1);
        }
    }

    @Test
    void concurrentCallersBothFinish() throws InterruptedException {
        AtomicIntegerArray hits = new AtomicIntegerArray(2);
        Thread other = new Thread(() -> {
            for (int j = 0; j < 500; j++) {
                pool.run(2, 4, i -> hits.incrementAndGet(1));
            }
        });
        other.start();
        for (int j = 0; j < 500; j++) {
            pool.run(2, 4, i -> hits.incrementAndGet(0));
        }
        other.join();
        assertThat(hits.get(0)).isEqualTo(2000);
        assertThat(hits.get(1)).isEqualTo(2000);
    }

    @Test
    void rejectsAThreadCountBelowOne() {
        assertThatThrownBy(() -> pool.setThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
