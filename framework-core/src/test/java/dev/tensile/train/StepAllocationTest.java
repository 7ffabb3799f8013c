package dev.tensile.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.Network;
import dev.tensile.optim.Adam;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;

/**
 * A training step allocates nothing once compiled. Run in a JVM of its own (see the framework-core pom): in the JVM
 * that had run every other core test first, the same 40 epochs measured some 600 KB a step, every epoch alike, which
 * is what uncompiled Vector API code boxing its vectors looks like; what the JIT has compiled by then decides.
 */
class StepAllocationTest {

    @Test
    void stepsAfterWarmUpAllocateAlmostNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // The scalar GEMM keeps the big Vector API kernel out of this measurement; the elementwise ones are in it.
        Network net = TrainingLoopTest.mlp(new ScalarGemm(), 1, 64, 64, 4);
        LabeledData data = TrainingLoopTest.blobs(1000, 64, 4, 1);
        long[] perEpoch = new long[40];
        long tid = Thread.currentThread().getId();
        Callback.Listener meter = new Callback.Listener() {
            long mark;

            @Override
            public void onEpochBegin(TrainingContext ctx, int epoch) {
                mark = mx.getThreadAllocatedBytes(tid);
            }

            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                perEpoch[log.epoch() - 1] = mx.getThreadAllocatedBytes(tid) - mark;
            }
        };
        TrainingLoop.fit(net, data, TrainingLoopTest.blobs(300, 64, 4, 2), TrainingLoopTest.config(40, 32, new Adam(1e-3), List.of(meter)));
        // 32 steps per epoch plus dev evaluation; one 32x64 float buffer per step would be 8 KB a step, 256 KB an epoch.
        // Until C2 has compiled the Vector API kernels (here some 700 steps), interpreted and C1 code boxes vectors;
        // the claim is about the steady state, so the last ten epochs are measured.
        long[] later = java.util.Arrays.copyOfRange(perEpoch, perEpoch.length - 10, perEpoch.length);
        java.util.Arrays.sort(later);
        assertThat(later[later.length / 2]).as("median bytes allocated per epoch once compiled").isLessThan(16_000);
    }
}
