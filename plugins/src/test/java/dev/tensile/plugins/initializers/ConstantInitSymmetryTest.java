package dev.tensile.plugins.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Sgd;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.testing.Specs;
import dev.tensile.spi.Initializer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

/**
 * Zero initialization never breaks symmetry, shown by training: with a sigmoid hidden layer and zeros on it and on
 * the output layer, every hidden unit gets the same incoming weights, the same outgoing weights and so the same
 * update at every step. The scalar GEMM is used so the equality is exact: it runs the same float operations for
 * every column.
 */
class ConstantInitSymmetryTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();
    private static final int HIDDEN = 6;

    /** A small 3-class problem: the class is the index of the largest of the first three inputs. */
    private static LabeledData data() {
        Rng rng = new Rng(11);
        Matrix x = new Matrix(90, 4);
        Matrix y = new Matrix(90, 3);
        for (int r = 0; r < 90; r++) {
            int best = 0;
            for (int c = 0; c < 4; c++) {
                x.set(r, c, (float) rng.gaussian());
                if (c < 3 && x.get(r, c) > x.get(r, best)) {
                    best = c;
                }
            }
            y.set(r, best, 1);
        }
        return new LabeledData(x, y);
    }

    /** The hidden layer's weights after training. */
    private static Parameter train(String hiddenInit, String outputInit) {
        ModelSpec spec = new ModelSpec(4,
                List.of(Specs.dense(HIDDEN, PluginRef.of("sigmoid"), PluginRef.of(hiddenInit))),
                Specs.dense(3, PluginRef.of("softmax"), PluginRef.of(outputInit)), "cross-entropy");
        Network net = new NetworkBuilder(REGISTRY, new ScalarGemm()).build(spec, 3).network();
        TrainingLoop.fit(net, data(), null, new TrainingConfig(15, 10, 5, new Sgd(0.5), List.of(), List.of(), List.of()));
        return net.parameters().get(0);
    }

    private static float[] column(Matrix w, int j) {
        float[] c = new float[w.rows()];
        for (int i = 0; i < w.rows(); i++) {
            c[i] = w.get(i, j);
        }
        return c;
    }

    private static double maxColumnSpread(Matrix w) {
        double spread = 0;
        for (int i = 0; i < w.rows(); i++) {
            for (int j = 1; j < w.cols(); j++) {
                spread = Math.max(spread, Math.abs(w.get(i, j) - w.get(i, 0)));
            }
        }
        return spread;
    }

    @Test
    void zeroInitializedUnitsStayIdenticalThroughTraining() {
        Matrix w = train("zeros", "zeros").value();
        assertThat(column(w, 0)).as("training moved the weights").isNotEqualTo(new float[w.rows()]);
        for (int j = 1; j < HIDDEN; j++) {
            assertThat(column(w, j)).as("unit %d", j).containsExactly(column(w, 0));
        }
    }

    @Test
    void randomInitializedUnitsDiffer() {
        assertThat(maxColumnSpread(train("he-normal", "zeros").value())).isGreaterThan(0.1);
    }

    @Test
    void randomWeightsAfterAZeroLayerDoBreakItsSymmetry() {
        // what the warning says: the units stay identical only while the weights leaving them are equal too
        assertThat(maxColumnSpread(train("zeros", "xavier-uniform").value())).isGreaterThan(1e-3);
    }

    @Test
    void constantInitializersWarnOncePerProcess() {
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        SymmetryWarning.LOG.addHandler(h);
        try {
            SymmetryWarning.reset();
            for (int i = 0; i < 3; i++) {
                for (String name : List.of("zeros", "constant")) {
                    PluginRegistry.Bound<Initializer> b = REGISTRY.bind(Initializer.class, name, Map.of());
                    Matrix w = new Matrix(3, 2);
                    b.plugin().create(b.params()).fill(w, 3, 2, new Rng(1));
                    assertThat(w.data()).containsOnly(name.equals("zeros") ? 0f : 0.01f);
                }
            }
            assertThat(records).hasSize(2).allSatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getMessage()).contains("symmetry");
            });
        } finally {
            SymmetryWarning.LOG.removeHandler(h);
        }
    }
}
