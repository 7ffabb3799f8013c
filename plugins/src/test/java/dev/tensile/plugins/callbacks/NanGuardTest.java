package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.nn.Network;
import dev.tensile.optim.Sgd;
import dev.tensile.spi.Callback;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.spi.Regularizer;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.History;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

class NanGuardTest {

    /** A weight penalty whose gradient turns to NaN from step {@code from} on. */
    private static Regularizer.WeightPenalty poisonFrom(int from) {
        return new Regularizer.WeightPenalty() {
            private int calls;

            @Override
            public double penalty(Matrix w, int batch) {
                return 0;
            }

            @Override
            public void addGradient(Matrix w, Matrix grad, int batch) {
                if (w.cols() == 3 && ++calls >= from) {
                    grad.data()[0] = Float.NaN;
                }
            }
        };
    }

    private static TrainingConfig config(List<Callback.Listener> cbs) {
        // 64 examples in batches of 8: 8 steps an epoch, so step 20 falls in epoch 3
        return new TrainingConfig(5, 8, 1, new Sgd(0.1), List.of(poisonFrom(20)), List.of(), cbs);
    }

    @Test
    void withoutTheGuardTheRunFailsNamingTheParameterAndStep() {
        assertThatThrownBy(() -> TrainingLoop.fit(Fixture.network(8, 1), Fixture.data(64, 1, false), null, config(List.of())))
                .isInstanceOf(NonFiniteException.class)
                .hasMessageStartingWith("NaN or Inf appeared in the gradient of layer 2 (output 3).weights at epoch 3, step 20");
    }

    @Test
    void withTheGuardTheRunStopsCleanlyWithTheLastGoodEpochsWeights() {
        Network net = Fixture.network(8, 1);
        Fixture.Recorder recorder = new Fixture.Recorder();
        String[] reason = new String[1];
        Callback.Listener why = new Callback.Listener() {
            @Override
            public void onTrainEnd(TrainingContext ctx) {
                reason[0] = ctx.stopReason();
            }
        };
        History h = TrainingLoop.fit(net, Fixture.data(64, 1, false), null,
                config(List.of(Fixture.callback("nan-guard", Map.of()), recorder, why)));
        assertThat(reason[0]).startsWith("NaN or Inf appeared in the gradient of layer 2 (output 3).weights at epoch 3, step 20");
        // epochs 1 and 2 complete; epoch 3 ended after 3 steps, before its 4th update
        assertThat(h.epochs()).hasSize(3);
        List<float[]> endOfEpoch2 = recorder.weights.get(1);
        for (int i = 0; i < endOfEpoch2.size(); i++) {
            assertThat(net.parameters().get(i).value().data()).containsExactly(endOfEpoch2.get(i));
        }
    }
}
