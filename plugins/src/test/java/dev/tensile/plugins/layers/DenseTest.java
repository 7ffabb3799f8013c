package dev.tensile.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * The dense layer's three products against central differences of L = Σ g·out for a fixed random g (in double from
 * the float outputs), and the contract of docs/layers.md: backward adds to the gradients, skips the input gradient
 * when nobody reads it, and shape errors name both shapes.
 */
class DenseTest {

    private static Bench bench(boolean inputGradient) {
        Rng rng = new Rng(3);
        Bench b = new Bench("dense", Map.of("units", 4), Shape.of(5), rng, inputGradient);
        Bench.fill(b.values.get("weights"), rng);
        Bench.fill(b.values.get("bias"), rng);
        return b;
    }

    /** L = Σ g·forward(x). */
    private static double objective(Bench b, Matrix x, Matrix g) {
        Matrix out = b.worker.forward(x, true);
        double sum = 0;
        for (int i = 0; i < out.size(); i++) {
            sum += (double) g.data()[i] * out.data()[i];
        }
        return sum;
    }

    private static double centralDifference(Bench b, Matrix x, Matrix g, Matrix target, int i) {
        float h = 1e-2f;
        float orig = target.data()[i];
        target.data()[i] = orig + h;
        double up = objective(b, x, g);
        target.data()[i] = orig - h;
        double down = objective(b, x, g);
        target.data()[i] = orig;
        return (up - down) / (2 * h);
    }

    @Test
    void gradientsOfWeightsBiasAndInputMatchFiniteDifferences() {
        Bench b = bench(true);
        Rng rng = new Rng(4);
        Matrix x = new Matrix(3, 5);
        Matrix g = new Matrix(3, 4);
        Bench.fill(x, rng);
        Bench.fill(g, rng);
        b.worker.forward(x, true);
        Matrix gradInput = b.worker.backward(g).copy();
        for (String slot : List.of("weights", "bias")) {
            Matrix v = b.values.get(slot);
            for (int i = 0; i < v.size(); i++) {
                // the layer is linear in each weight, so the central difference is exact up to float rounding
                assertThat((double) b.gradients.get(slot).data()[i]).as("%s[%d]", slot, i)
                        .isCloseTo(centralDifference(b, x, g, v, i), within(1e-3));
            }
        }
        for (int i = 0; i < x.size(); i++) {
            assertThat((double) gradInput.data()[i]).as("input[%d]", i).isCloseTo(centralDifference(b, x, g, x, i), within(1e-3));
        }
    }

    @Test
    void backwardAddsToTheGradientsSoTwoPassesGiveTwice() {
        Bench b = bench(true);
        Rng rng = new Rng(5);
        Matrix x = new Matrix(3, 5);
        Matrix g = new Matrix(3, 4);
        Bench.fill(x, rng);
        Bench.fill(g, rng);
        b.worker.forward(x, true);
        b.worker.backward(g);
        float[] once = b.gradients.get("weights").data().clone();
        float[] onceBias = b.gradients.get("bias").data().clone();
        b.worker.backward(g);
        for (int i = 0; i < once.length; i++) {
            assertThat(b.gradients.get("weights").data()[i]).isEqualTo(2 * once[i]);
        }
        for (int i = 0; i < onceBias.length; i++) {
            assertThat(b.gradients.get("bias").data()[i]).isEqualTo(2 * onceBias[i]);
        }
    }

    @Test
    void backwardOverwritingSetsTheGradientsToWhatZeroingAndAddingGive() {
        Bench adding = bench(true);
        Bench setting = bench(true);
        Rng rng = new Rng(7);
        Matrix x = new Matrix(3, 5);
        Matrix g = new Matrix(3, 4);
        Bench.fill(x, rng);
        Bench.fill(g, rng);
        adding.worker.forward(x, true);
        Matrix addedInput = adding.worker.backward(g).copy();
        setting.worker.forward(x, true);
        // what the last step left; NaN, so that reading it back would show
        java.util.Arrays.fill(setting.gradients.get("weights").data(), Float.NaN);
        java.util.Arrays.fill(setting.gradients.get("bias").data(), Float.NaN);
        assertThat(setting.worker.overwritesGradients()).isTrue();
        Matrix setInput = setting.worker.backwardOverwriting(g);
        assertThat(setting.gradients.get("weights").data()).containsExactly(adding.gradients.get("weights").data());
        assertThat(setting.gradients.get("bias").data()).containsExactly(adding.gradients.get("bias").data());
        assertThat(setInput.data()).containsExactly(addedInput.data());
    }

    @Test
    void theFirstLayerSkipsItsInputGradientButNotItsOwn() {
        Bench first = bench(false);
        Bench inner = bench(true);
        Rng rng = new Rng(6);
        Matrix x = new Matrix(2, 5);
        Matrix g = new Matrix(2, 4);
        Bench.fill(x, rng);
        Bench.fill(g, rng);
        first.worker.forward(x, true);
        inner.worker.forward(x, true);
        assertThat(first.worker.backward(g)).isNull();
        assertThat(inner.worker.backward(g)).isNotNull();
        assertThat(first.gradients.get("weights").data()).containsExactly(inner.gradients.get("weights").data());
    }

    @Test
    void declaresItsSlotsAndBuffers() {
        Layer.Plan p = bench(true).plan;
        assertThat(p.output()).isEqualTo(Shape.of(4));
        assertThat(p.slots()).extracting(Layer.Slot::name).containsExactly("weights", "bias");
        assertThat(p.slots().get(0).shape()).isEqualTo(Shape.of(5, 4));
        assertThat(p.slots().get(0).usesLayerInitializer()).isTrue();
        assertThat(p.slots().get(1).regularized()).isFalse();
        assertThat(p.describe()).isEqualTo("dense 4");
        assertThat(p.bufferValues(10)).isEqualTo(10 * (5 + 4) + 4);
    }

    @Test
    void anImageInputIsRefusedNamingTheLayerAndTheShape() {
        ModelSpec spec = new ModelSpec(Shape.of(28, 28, 1), List.of(),
                new LayerSpec(new PluginRef("dense", Map.of("units", 10)), PluginRef.of("softmax"), null), "cross-entropy");
        assertThatThrownBy(() -> new NetworkBuilder(Bench.REGISTRY, GemmProvider.get()).plan(spec))
                .hasMessage("layer 1 (dense): needs a vector input, got [28, 28, 1] (flatten it first)");
    }
}
