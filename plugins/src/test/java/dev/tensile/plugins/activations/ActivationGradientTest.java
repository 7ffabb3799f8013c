package dev.tensile.plugins.activations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tensile.nn.GradientChecker;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Activation;
import dev.tensile.spi.PluginKind;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Every discovered activation (so a new one is checked without touching this test), with its defaults, and the
 * non-default settings: backward agrees with central differences of forward at random points in [-4, 4], kept
 * 0.01 away from the kink at 0 (h is 5e-3). Float32 rounds f(z ± h) by up to half an ulp, about 6e-8·|f|, so the
 * numeric derivative carries up to about 6e-8·|f|/(2h), near 1e-5 for |f| of order one, whatever the size of the
 * derivative itself: the floor 1e-2 holds derivatives below 1e-2 to 1e-5 absolute and the rest to 0.1 % relative.
 * Observed worst cases are 1e-4 to 3e-4 (tanh's and softmax's tails); a wrong formula is off by percents.
 */
class ActivationGradientTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();
    private static final double STEP = 5e-3;
    private static final double FLOOR = 1e-2;

    static Stream<Arguments> activations() {
        List<Arguments> all = new ArrayList<>();
        for (String name : REGISTRY.names(PluginKind.ACTIVATION)) {
            all.add(Arguments.of(name, Map.of()));
        }
        all.add(Arguments.of("leaky-relu", Map.of("alpha", 0.2)));
        all.add(Arguments.of("elu", Map.of("alpha", 0.5)));
        all.add(Arguments.of("gelu", Map.of("approximate", "tanh")));
        return all.stream();
    }

    static Activation.Function function(String name, Map<String, ?> params) {
        PluginRegistry.Bound<Activation> b = REGISTRY.bind(Activation.class, name, params);
        return b.plugin().create(b.params());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activations")
    void backwardMatchesFiniteDifferences(String name, Map<String, ?> params) {
        Rng rng = new Rng(name.hashCode());
        Matrix z = new Matrix(8, 7);
        for (int i = 0; i < z.size(); i++) {
            double v = rng.uniform(-4, 4);
            z.data()[i] = (float) (Math.abs(v) < 0.01 ? 0.5 : v);
        }
        GradientChecker.Report report = new GradientChecker(STEP, FLOOR).check(function(name, params), z, new Rng(9));
        assertThat(report.checked()).isEqualTo(56);
        assertThat(report.maxRelativeError()).as(report.toString()).isLessThan(1e-3);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activations")
    void staysFiniteAtExtremeInputs(String name, Map<String, ?> params) {
        float[] extremes = {50, -50, 1e4f, -1e4f, 100, -100, 1e30f, -1e30f};
        Matrix z = new Matrix(1, extremes.length, extremes.clone());
        Matrix a = new Matrix(1, extremes.length);
        Matrix ones = new Matrix(1, extremes.length);
        ones.fill(1);
        Matrix gradZ = new Matrix(1, extremes.length);
        Activation.Function f = function(name, params);
        f.forward(z, a);
        f.backward(z, a, ones, gradZ);
        for (int i = 0; i < extremes.length; i++) {
            assertThat(Float.isFinite(a.data()[i])).as("f(%s) = %s", extremes[i], a.data()[i]).isTrue();
            assertThat(Float.isFinite(gradZ.data()[i])).as("f'(%s) = %s", extremes[i], gradZ.data()[i]).isTrue();
        }
    }
}
