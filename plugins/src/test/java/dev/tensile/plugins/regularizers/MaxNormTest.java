package dev.tensile.plugins.regularizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Sgd;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.testing.Specs;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

class MaxNormTest {

    /** The largest norm of any unit's incoming weights (a column of a weight matrix), in double. */
    static double largestColumnNorm(List<Parameter> ps) {
        double worst = 0;
        for (Parameter p : ps) {
            if (p.isBias()) {
                continue;
            }
            for (int j = 0; j < p.value().cols(); j++) {
                double sq = 0;
                for (int i = 0; i < p.value().rows(); i++) {
                    sq += (double) p.value().get(i, j) * p.value().get(i, j);
                }
                worst = Math.max(worst, Math.sqrt(sq));
            }
        }
        return worst;
    }

    /** The largest column norm seen after every batch, with or without max-norm. */
    private static List<Double> normsAfterEachBatch(boolean constrained) {
        List<Double> norms = new ArrayList<>();
        Network net = network();
        Callback.Listener probe = new Callback.Listener() {
            @Override
            public void onBatchEnd(TrainingContext ctx, int step, double loss) {
                norms.add(largestColumnNorm(net.parameters()));
            }
        };
        List<Regularizer.Term> terms = constrained ? List.of(maxNorm(0.8)) : List.of();
        TrainingLoop.fit(net, data(), null, new TrainingConfig(5, 8, 1, new Sgd(1.0), terms, List.of(), List.of(probe)));
        return norms;
    }

    @Test
    void everyUnitsIncomingWeightsStayWithinC() {
        // float rounding of the rescaled weights can leave the norm a few ulps above c
        assertThat(normsAfterEachBatch(true)).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(0.8 * (1 + 1e-6)));
        assertThat(normsAfterEachBatch(false)).as("without the constraint the norms exceed c")
                .anySatisfy(n -> assertThat(n).isGreaterThan(0.8 * 1.5));
    }

    @Test
    void shortVectorsAreLeftUntouched() {
        Network net = network();
        for (Parameter p : net.parameters()) {
            float[] before = p.value().data().clone();
            maxNorm(1e6).constrain(p.value());
            assertThat(p.value().data()).containsExactly(before);
        }
    }

    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private static Regularizer.WeightConstraint maxNorm(double c) {
        PluginRegistry.Bound<Regularizer> b = REGISTRY.bind(Regularizer.class, "max-norm", Map.of("c", c));
        return (Regularizer.WeightConstraint) b.plugin().create(b.params());
    }

    private static Network network() {
        ModelSpec spec = new ModelSpec(6, List.of(Specs.dense(8, PluginRef.of("relu"), null)),
                Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");
        return new NetworkBuilder(REGISTRY, new ScalarGemm()).build(spec, 3).network();
    }

    /** 64 examples, 6 inputs, 3 classes: the class is the largest of the first three inputs. */
    private static LabeledData data() {
        Rng rng = new Rng(4);
        Matrix x = new Matrix(64, 6);
        Matrix y = new Matrix(64, 3);
        for (int r = 0; r < 64; r++) {
            int best = 0;
            for (int c = 0; c < 6; c++) {
                x.set(r, c, (float) rng.gaussian());
                if (c < 3 && x.get(r, c) > x.get(r, best)) {
                    best = c;
                }
            }
            y.set(r, best, 1);
        }
        return new LabeledData(x, y);
    }
}
