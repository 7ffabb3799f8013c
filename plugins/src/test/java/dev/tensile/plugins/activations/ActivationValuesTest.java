package dev.tensile.plugins.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Initializer;
import dev.tensile.spi.PluginKind;
import dev.tensile.tensor.Matrix;

/** Values at the hard points (saturation, overflow, the kink at 0) and against known constants. */
class ActivationValuesTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private static float[] forward(String name, Map<String, ?> params, float... z) {
        Matrix a = new Matrix(1, z.length);
        ActivationGradientTest.function(name, params).forward(new Matrix(1, z.length, z.clone()), a);
        return a.data();
    }

    private static float[] derivative(String name, Map<String, ?> params, float... z) {
        Activation.Function f = ActivationGradientTest.function(name, params);
        Matrix zm = new Matrix(1, z.length, z.clone());
        Matrix a = new Matrix(1, z.length);
        Matrix ones = new Matrix(1, z.length);
        ones.fill(1);
        Matrix g = new Matrix(1, z.length);
        f.forward(zm, a);
        f.backward(zm, a, ones, g);
        return g.data();
    }

    @Test
    void sigmoidSaturatesToExactlyZeroAndOne() {
        assertThat(forward("sigmoid", Map.of(), -1e4f, 1e4f, 50f, 0f)).containsExactly(0f, 1f, 1f, 0.5f);
        // e^-50 = 1.9e-22 is a normal float: the stable form keeps it instead of rounding 1 - 1 to 0
        assertThat(forward("sigmoid", Map.of(), -50f)[0]).isCloseTo((float) Math.exp(-50), within(1e-28f));
        assertThat(derivative("sigmoid", Map.of(), -1e4f, 1e4f, 0f)).containsExactly(0f, 0f, 0.25f);
    }

    @Test
    void softplusIsExactForLargeInputs() {
        assertThat(forward("softplus", Map.of(), 1e4f, -1e4f, 50f)).containsExactly(1e4f, 0f, 50f);
        assertThat(forward("softplus", Map.of(), 0f)[0]).isCloseTo((float) Math.log(2), within(1e-7f));
        assertThat(derivative("softplus", Map.of(), 1e4f, -1e4f, 0f)).containsExactly(1f, 0f, 0.5f);
    }

    @Test
    void reluFamilyAtTheKink() {
        assertThat(derivative("relu", Map.of(), 0f, -1f, 1f)).containsExactly(0f, 0f, 1f);
        assertThat(derivative("leaky-relu", Map.of("alpha", 0.1), 0f, -3f, 3f)).containsExactly(0.1f, 0.1f, 1f);
        assertThat(forward("leaky-relu", Map.of("alpha", 0.1), -3f, 3f)).containsExactly(-0.3f, 3f);
        assertThat(forward("elu", Map.of(), -1e4f, 0f, 2f)).containsExactly(-1f, 0f, 2f);
        assertThat(derivative("elu", Map.of("alpha", 0.5), 0f, 2f)).containsExactly(0.5f, 1f);
    }

    @Test
    void siluAndGeluApproachZeroAndIdentity() {
        for (String name : new String[] {"silu", "gelu"}) {
            // within 0: the sign of a zero does not matter
            assertThat(forward(name, Map.of(), -1e4f, 1e4f)).as(name).usingComparatorWithPrecision(0f)
                    .containsExactly(0f, 1e4f);
            assertThat(derivative(name, Map.of(), -1e4f, 1e4f)).as(name).usingComparatorWithPrecision(0f)
                    .containsExactly(0f, 1f);
        }
        assertThat(forward("silu", Map.of(), 1f)[0]).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-7f));
    }

    @Test
    void geluMatchesThePublishedValues() {
        // Φ(1) = 0.8413447460685429; the tanh form gives 0.8411919906082768 at 1
        assertThat(forward("gelu", Map.of(), 1f)[0]).isCloseTo(0.84134475f, within(2e-7f));
        assertThat(forward("gelu", Map.of(), -1f)[0]).isCloseTo(-0.15865525f, within(2e-7f));
        assertThat(forward("gelu", Map.of("approximate", "tanh"), 1f)[0]).isCloseTo(0.84119199f, within(2e-7f));
        // erf(x) = 1 - erfc(x) at tabulated points
        assertThat(1 - Gelu.erfc(0.5)).isCloseTo(0.5204998778130465, within(2e-7));
        assertThat(1 - Gelu.erfc(1)).isCloseTo(0.8427007929497149, within(2e-7));
        assertThat(1 - Gelu.erfc(2)).isCloseTo(0.9953222650189527, within(2e-7));
        assertThat(1 - Gelu.erfc(-1)).isCloseTo(-0.8427007929497149, within(2e-7));
    }

    @Test
    void softmaxSurvivesHugeLogits() {
        float[] p = forward("softmax", Map.of(), 1e4f, -1e4f, 1e4f);
        assertThat(p).containsExactly(0.5f, 0f, 0.5f);
    }

    @Test
    void eachActivationPrefersTheInitializerOfItsFamily() {
        for (String relu : new String[] {"relu", "leaky-relu", "elu", "gelu", "silu", "softplus"}) {
            assertThat(REGISTRY.get(Activation.class, relu).preferredInitializer()).as(relu).isEqualTo("he-normal");
        }
        for (String squash : new String[] {"tanh", "sigmoid"}) {
            assertThat(REGISTRY.get(Activation.class, squash).preferredInitializer()).as(squash).isEqualTo("xavier-uniform");
        }
        for (String name : REGISTRY.names(PluginKind.ACTIVATION)) {
            String init = REGISTRY.get(Activation.class, name).preferredInitializer();
            assertThat(REGISTRY.get(Initializer.class, init)).as(name + " prefers " + init).isNotNull();
        }
    }
}
