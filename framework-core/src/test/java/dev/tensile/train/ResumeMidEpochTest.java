package dev.tensile.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.ModelPlan;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.nn.TestNets;
import dev.tensile.optim.Adam;
import dev.tensile.spi.Callback;
import dev.tensile.spi.TrainingContext;

/**
 * A run stopped inside an epoch (an interrupt) records how far into the epoch it got, and continuing it takes the
 * rest of that epoch in the same order, so the weights are the uninterrupted run's. And the memory estimate.
 */
class ResumeMidEpochTest {

    @Test
    void aRunStoppedMidEpochContinuesWithTheRestOfThatEpoch() {
        LabeledData data = TrainingLoopTest.blobs(200, 8, 3, 1);
        Network once = TrainingLoopTest.mlp(GemmProvider.get(), 4, 8, 16, 3);
        TrainingLoop.fit(once, data, null, TrainingLoopTest.config(4, 16, new Adam(0.01), List.of()));

        Callback.Listener stopAt30 = new Callback.Listener() {
            @Override
            public void onBatchEnd(TrainingContext context, int step, double loss) {
                if (step == 30) {
                    context.requestStop("interrupted");
                }
            }
        };
        Network twice = TrainingLoopTest.mlp(GemmProvider.get(), 4, 8, 16, 3);
        TrainingLoop.Result first = TrainingLoop.fitFrom(twice, data, null,
                TrainingLoopTest.config(4, 16, new Adam(0.01), List.of(stopAt30)), null);
        // 200 examples in batches of 16: 13 steps an epoch; step 30 is the 4th of epoch 3.
        assertThat(first.state().epochsDone()).isEqualTo(2);
        assertThat(first.state().stepInEpoch()).isEqualTo(4);
        assertThat(first.state().step()).isEqualTo(30);
        TrainingLoop.fitFrom(twice, data, null, TrainingLoopTest.config(4, 16, new Adam(0.5), List.of()), first.state());
        for (int i = 0; i < once.parameters().size(); i++) {
            assertThat(twice.parameters().get(i).value().data()).isEqualTo(once.parameters().get(i).value().data());
        }
    }

    @Test
    void aRunStoppedBeforeAnEpochsFirstBatchContinuesWithThatEpochsShuffle() {
        LabeledData data = TrainingLoopTest.blobs(200, 8, 3, 1);
        Network once = TrainingLoopTest.mlp(GemmProvider.get(), 4, 8, 16, 3);
        TrainingLoop.fit(once, data, null, TrainingLoopTest.config(4, 16, new Adam(0.01), List.of()));

        Callback.Listener stopAtEpoch3 = new Callback.Listener() {
            @Override
            public void onEpochBegin(TrainingContext context, int epoch) {
                if (epoch == 3) {
                    context.requestStop("stopped before epoch 3");
                }
            }
        };
        Network twice = TrainingLoopTest.mlp(GemmProvider.get(), 4, 8, 16, 3);
        TrainingLoop.Result first = TrainingLoop.fitFrom(twice, data, null,
                TrainingLoopTest.config(4, 16, new Adam(0.01), List.of(stopAtEpoch3)), null);
        assertThat(first.state().epochsDone()).isEqualTo(2);
        assertThat(first.state().stepInEpoch()).isZero();
        TrainingLoop.fitFrom(twice, data, null, TrainingLoopTest.config(4, 16, new Adam(0.5), List.of()), first.state());
        for (int i = 0; i < once.parameters().size(); i++) {
            assertThat(twice.parameters().get(i).value().data()).isEqualTo(once.parameters().get(i).value().data());
        }
    }

    private static final ModelSpec HUGE = TestNets.spec(40_000, 3, 40_000);

    private static ModelPlan plan(ModelSpec spec) {
        return new NetworkBuilder(TestNets.REGISTRY, GemmProvider.get()).plan(spec);
    }

    @Test
    void theMemoryEstimateCountsParametersGradientsOptimizerStateBuffersAndData() {
        ModelSpec small = TestNets.spec(2, 3, 4);
        TrainPlan plan = new TrainPlan(1, 10, 1, new PluginRef("adam", java.util.Map.of()), List.of(), List.of(),
                List.of(), List.of());
        MemoryEstimate e = MemoryEstimate.forTraining(plan(small), plan, 100, 20);
        assertThat(e.parameters()).isEqualTo(2 * 4 + 4 + 4 * 3 + 3);
        assertThat(e.slots()).isEqualTo(2);
        // per layer what its plugin keeps (input gradient and output), plus relu's output and gradient; softmax is fused
        assertThat(e.activations()).isEqualTo(2 * (10 * (2 + 4) + 2 * 10 * 4 + 10 * (4 + 3)));
        assertThat(e.data()).isEqualTo(120 * (2 + 3));
        assertThat(e.bytes()).isEqualTo(4 * (27 * 4 + e.activations() + e.data()));
        e.check(e.bytes()); // fits exactly
        assertThatThrownBy(() -> e.check(e.bytes() - 1)).isInstanceOf(MemoryEstimate.TooLarge.class);
    }

    @Test
    void aHugeDeclaredLayerIsRefusedWithTheEstimateAndTheHeap() {
        assertThatThrownBy(() -> MemoryEstimate.forNetwork(plan(HUGE)).check(4L << 30))
                .isInstanceOf(MemoryEstimate.TooLarge.class)
                .hasMessage("this model needs an estimated 11.9 GiB (1,600,160,003 parameters) but the JVM's maximum"
                        + " heap is 4.0 GiB; use a smaller model or batch, or a larger heap (TENSILE_JAVA_OPTS=-Xmx...)");
    }
}
