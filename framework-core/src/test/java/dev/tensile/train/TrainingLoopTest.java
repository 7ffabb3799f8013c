package dev.tensile.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.TestNets;
import dev.tensile.optim.Adam;
import dev.tensile.optim.Schedule;
import dev.tensile.optim.Sgd;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.LayerStats;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.spi.Regularizer;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

class TrainingLoopTest {

    static Network mlp(Gemm gemm, long seed, int in, int hidden, int out) {
        return TestNets.mlp(gemm, seed, in, out, hidden);
    }

    /** Two Gaussian blobs per class in `features` dimensions, `classes` classes. */
    static LabeledData blobs(int n, int features, int classes, long seed) {
        Rng rng = new Rng(seed);
        Matrix x = new Matrix(n, features);
        Matrix y = new Matrix(n, classes);
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(classes);
            for (int f = 0; f < features; f++) {
                x.set(i, f, (float) (rng.gaussian() + (f % classes == c ? 2 : 0)));
            }
            y.set(i, c, 1f);
        }
        return new LabeledData(x, y);
    }

    static TrainingConfig config(int epochs, int batch, dev.tensile.optim.Optimizer opt, List<Callback.Listener> cbs) {
        return new TrainingConfig(epochs, batch, 9, opt, List.of(), List.of(), cbs);
    }

    @Test
    void learnsAndRecordsAnHonestHistory() {
        Network net = mlp(GemmProvider.get(), 1, 8, 16, 3);
        History h = TrainingLoop.fit(net, blobs(300, 8, 3, 1), blobs(100, 8, 3, 2), config(10, 32, new Adam(0.01), List.of()));
        assertThat(h.epochs()).hasSize(10);
        EpochLog first = h.epochs().get(0);
        EpochLog last = h.last();
        assertThat(last.trainLoss()).isLessThan(first.trainLoss());
        assertThat(last.devAccuracy()).isGreaterThan(0.85);
        assertThat(last.learningRate()).isEqualTo(0.01);
        assertThat(last.gradientNorm()).isPositive().isFinite();
        assertThat(last.seconds()).isPositive();
    }

    /**
     * A batch of 128 against 256 units: two threads split the GEMMs' columns (m x threads <= n), and Adam's update of
     * the 65,536 first-layer weights runs on the compute pool; every parameter must keep the bits of one thread.
     */
    @Test
    void theSameSeedGivesTheSameBitsForOneAndTwoThreads() {
        List<List<float[]>> results = new java.util.ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Network net = mlp(GemmProvider.withThreads(threads), 3, 256, 256, 4);
            TrainingLoop.fit(net, blobs(512, 256, 4, 5), null, config(2, 128, new Adam(1e-3), List.of()));
            results.add(net.parameters().stream().map(p -> p.value().data().clone()).toList());
        }
        assertThat(results.get(1)).hasSameSizeAs(results.get(0));
        for (int i = 0; i < results.get(0).size(); i++) {
            assertThat(results.get(1).get(i)).as("parameter %d", i).isEqualTo(results.get(0).get(i));
        }
    }

    @Test
    void twoEpochsThenTwoMoreGiveTheSameBitsAsFourAtOnce() {
        LabeledData data = blobs(200, 8, 3, 1);
        Network once = mlp(GemmProvider.get(), 4, 8, 16, 3);
        TrainingLoop.fit(once, data, null, config(4, 16, new Adam(0.01), List.of()));

        Network twice = mlp(GemmProvider.get(), 4, 8, 16, 3);
        TrainingLoop.Result first = TrainingLoop.fitFrom(twice, data, null, config(2, 16, new Adam(0.01), List.of()), null);
        assertThat(first.state().epochsDone()).isEqualTo(2);
        TrainingLoop.Result second = TrainingLoop.fitFrom(twice, data, null,
                config(4, 16, new Adam(0.5), List.of()), first.state()); // the state's optimizer is used, not this one
        assertThat(second.history().epochs()).extracting(EpochLog::epoch).containsExactly(3, 4);
        for (int i = 0; i < once.parameters().size(); i++) {
            assertThat(twice.parameters().get(i).value().data()).isEqualTo(once.parameters().get(i).value().data());
        }
    }

    @Test
    void aNaNInTheWeightsIsCaughtAtTheLayerThatProducedIt() {
        Network net = mlp(GemmProvider.get(), 1, 4, 8, 2);
        net.parameters().get(0).value().data()[5] = Float.NaN;
        assertThatThrownBy(() -> TrainingLoop.fit(net, blobs(40, 4, 2, 1), null, config(1, 8, new Sgd(0.1), List.of())))
                .isInstanceOf(NonFiniteException.class)
                .hasMessageStartingWith("the loss became NaN in the output of layer 1 (linear 8) at epoch 1, step 1")
                .hasMessageContaining("lower learning rate");
    }

    @Test
    void aNonFiniteGradientIsNamedByParameter() {
        Network net = mlp(GemmProvider.get(), 1, 4, 8, 2);
        Regularizer.WeightPenalty poison = new Regularizer.WeightPenalty() {
            @Override
            public double penalty(Matrix w, int batch) {
                return 0;
            }

            @Override
            public void addGradient(Matrix w, Matrix grad, int batch) {
                if (w.cols() == 2) {
                    grad.data()[0] = Float.POSITIVE_INFINITY;
                }
            }
        };
        TrainingConfig c = new TrainingConfig(1, 8, 1, new Sgd(0.1), List.of(poison), List.of(), List.of());
        assertThatThrownBy(() -> TrainingLoop.fit(net, blobs(40, 4, 2, 1), null, c))
                .isInstanceOf(NonFiniteException.class)
                .hasMessageStartingWith("NaN or Inf appeared in the gradient of layer 2 (output 2).weights at epoch 1, step 1");
    }

    @Test
    void clippingByNormLimitsTheUpdateToTheGivenNorm() {
        Network net = mlp(GemmProvider.get(), 1, 4, 8, 2);
        List<float[]> before = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            before.add(p.value().data().clone());
        }
        // plain SGD with lr 1: the update is exactly minus the (clipped) gradient
        TrainingConfig c = new TrainingConfig(1, 40, 1, new Sgd(1.0), Schedule.CONSTANT, 1e-3, 0, List.of(), List.of(), List.of(), List.of());
        History h = TrainingLoop.fit(net, blobs(40, 4, 2, 1), null, c);
        assertThat(h.last().gradientNorm()).isGreaterThan(1e-3);
        double ss = 0;
        for (int i = 0; i < before.size(); i++) {
            float[] now = net.parameters().get(i).value().data();
            for (int j = 0; j < now.length; j++) {
                double d = now[j] - before.get(i)[j];
                ss += d * d;
            }
        }
        assertThat(Math.sqrt(ss)).isCloseTo(1e-3, within(1e-5));
    }

    @Test
    void diagnosticsReachListenersThatAskAndOnlyEveryNSteps() {
        Network net = mlp(GemmProvider.get(), 1, 8, 16, 3);
        List<Integer> steps = new ArrayList<>();
        List<List<LayerStats>> seen = new ArrayList<>();
        Callback.Listener l = new Callback.Listener() {
            @Override
            public int diagnosticsEvery() {
                return 5;
            }

            @Override
            public void onDiagnostics(TrainingContext ctx, int step, List<LayerStats> layers) {
                steps.add(step);
                seen.add(layers);
            }
        };
        TrainingLoop.fit(net, blobs(160, 8, 3, 1), null, config(2, 16, new Adam(0.01), List.of(l)));
        assertThat(steps).containsExactly(5, 10, 15, 20);
        List<LayerStats> s = seen.get(0);
        assertThat(s).extracting(LayerStats::layer)
                .containsExactly("layer 1 (linear 16)", "relu after layer 1 (linear 16)", "layer 2 (output 3)");
        assertThat(s.get(0).weightGradientNorm()).isPositive();
        assertThat(s.get(1).weightGradientNorm()).isNaN();
        assertThat(s.get(1).activationMean()).isPositive(); // relu outputs are never negative
    }

    @Test
    void theScheduleSetsTheRateEachStepAndCallbacksCanMoveTheBase() {
        Network net = mlp(GemmProvider.get(), 1, 8, 16, 3);
        Callback.Listener halve = new Callback.Listener() {
            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                ctx.setBaseLearningRate(ctx.baseLearningRate() / 2);
            }
        };
        TrainingConfig c = new TrainingConfig(3, 16, 1, new Sgd(0.1), (t, total) -> 1.0 / (1 + Math.floor(t)), 0, 0,
                List.of(), List.of(), List.of(), List.of(halve));
        History h = TrainingLoop.fit(net, blobs(64, 8, 3, 1), null, c);
        assertThat(h.epochs()).extracting(EpochLog::learningRate).containsExactly(0.1, 0.1 / 2 / 2, 0.1 / 4 / 3);
    }
}
