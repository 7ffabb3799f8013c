package dev.tensile.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.GradientChecker;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.testing.Specs;

/**
 * Whole networks built from the catalogue by name, with smooth activations and weight penalties, against finite
 * differences of their loss. Float32 logits leave about 1e-5 of absolute noise in each numeric gradient, so the
 * checker runs with h = 1e-2 and a floor of 1e-2 (see {@link GradientChecker}); a wrong layer is off by far more.
 */
class NetworkGradientTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private static LayerSpec dense(int units, String activation) {
        return Specs.dense(units, PluginRef.of(activation), null);
    }

    private static Regularizer.WeightPenalty term(String name, Map<String, ?> params) {
        PluginRegistry.Bound<Regularizer> b = REGISTRY.bind(Regularizer.class, name, params);
        return (Regularizer.WeightPenalty) b.plugin().create(b.params());
    }

    @Test
    void parameterGradientsOfASmoothNetworkWithPenaltiesMatchFiniteDifferences() {
        ModelSpec spec = new ModelSpec(5, List.of(dense(6, "gelu"), dense(5, "silu"), dense(4, "elu"),
                dense(4, "softplus"), dense(4, "sigmoid")), dense(3, "softmax"), "cross-entropy");
        Network net = new NetworkBuilder(REGISTRY, new ScalarGemm()).build(spec, 7).network();
        // the L1 part of elastic-net has a kink at w = 0: keep every weight 3h away from it
        for (Parameter p : net.parameters()) {
            float[] w = p.value().data();
            for (int i = 0; i < w.length; i++) {
                if (!p.isBias() && Math.abs(w[i]) < 0.03f) {
                    w[i] = w[i] < 0 ? -0.03f : 0.03f;
                }
            }
        }
        Rng rng = new Rng(8);
        Matrix x = new Matrix(6, 5);
        Matrix y = new Matrix(6, 3);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 5; c++) {
                x.set(r, c, (float) rng.gaussian());
            }
            y.set(r, rng.nextInt(3), 1);
        }
        List<Regularizer.WeightPenalty> penalties = List.of(term("l2", Map.of("lambda", 0.05)),
                term("elastic-net", Map.of("l1", 0.01, "l2", 0.02)));
        GradientChecker.Report r = new GradientChecker(1e-2, 1e-2).check(net, x, y, penalties);
        assertThat(r.checked()).isEqualTo((int) net.parameterCount());
        assertThat(r.maxRelativeError()).as(r.toString()).isLessThan(1e-2);
    }
}
