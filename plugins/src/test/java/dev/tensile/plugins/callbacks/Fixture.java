package dev.tensile.plugins.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.testing.Specs;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.LabeledData;

/** A small classification problem, a network for it, and a listener that records what training did. */
final class Fixture {
    static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private Fixture() {
    }

    /**
     * {@code n} examples of 6 inputs and 3 classes. With {@code noisy} the label is random, so whatever the network
     * learns is memorisation and the loss on another noisy set rises as it does.
     */
    static LabeledData data(int n, long seed, boolean noisy) {
        Rng rng = new Rng(seed);
        Matrix x = new Matrix(n, 6);
        Matrix y = new Matrix(n, 3);
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int c = 0; c < 6; c++) {
                x.set(r, c, (float) rng.gaussian());
                if (c < 3 && x.get(r, c) > x.get(r, best)) {
                    best = c;
                }
            }
            y.set(r, noisy ? rng.nextInt(3) : best, 1);
        }
        return new LabeledData(x, y);
    }

    static Network network(int hidden, long seed) {
        ModelSpec spec = new ModelSpec(6, List.of(Specs.dense(hidden, PluginRef.of("relu"), null)),
                Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");
        return new NetworkBuilder(REGISTRY, new ScalarGemm()).build(spec, seed).network();
    }

    static Callback.Listener callback(String name, Map<String, ?> params) {
        return callback(REGISTRY, name, params);
    }

    static Callback.Listener callback(PluginRegistry registry, String name, Map<String, ?> params) {
        PluginRegistry.Bound<Callback> b = registry.bind(Callback.class, name, params);
        return b.plugin().create(b.params());
    }

    static List<float[]> copy(Network net) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            out.add(p.value().data().clone());
        }
        return out;
    }

    static List<float[]> copy(List<Matrix> ps) {
        List<float[]> out = new ArrayList<>();
        for (Matrix p : ps) {
            out.add(p.data().clone());
        }
        return out;
    }

    /** Records every epoch's log and a copy of the weights at its end; listed after the callback under test. */
    static final class Recorder implements Callback.Listener {
        final List<EpochLog> logs = new ArrayList<>();
        final List<List<float[]>> weights = new ArrayList<>();
        int batches;

        @Override
        public void onEpochEnd(TrainingContext ctx, EpochLog log) {
            logs.add(log);
            weights.add(copy(ctx.parameters()));
        }

        @Override
        public void onBatchEnd(TrainingContext ctx, int step, double loss) {
            batches++;
        }
    }
}
