package dev.tensile.plugins.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Initializer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Each fan-scaled initializer's sample variance matches its formula within five standard errors. For n independent
 * draws of variance σ² the sample variance has standard error σ²·sqrt((κ - 1)/n), κ the kurtosis: κ = 3 for a
 * normal (the 2σ⁴/(n-1) of the textbook) and 9/5 for a uniform. A 400 x 100 matrix (n = 40 000) gives 5 SE of
 * 3.5 % (normal) and 2.2 % (uniform), while mode in vs out differ by a factor of 4 and a wrong constant (2 vs 1,
 * 6 vs 3) by a factor of 2.
 */
class InitializerVarianceTest {
    private static final int IN = 400;
    private static final int OUT = 100;
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("he-normal", Map.of(), 2.0 / IN, true),
                Arguments.of("he-normal", Map.of("mode", "out"), 2.0 / OUT, true),
                Arguments.of("he-normal", Map.of("negativeSlope", 0.5), 2.0 / (1.25 * IN), true),
                Arguments.of("he-uniform", Map.of(), 2.0 / IN, false),
                Arguments.of("he-uniform", Map.of("mode", "out", "negativeSlope", 0.5), 2.0 / (1.25 * OUT), false),
                Arguments.of("lecun-normal", Map.of(), 1.0 / IN, true),
                Arguments.of("lecun-uniform", Map.of(), 1.0 / IN, false),
                Arguments.of("xavier-normal", Map.of(), 2.0 / (IN + OUT), true),
                Arguments.of("xavier-uniform", Map.of(), 2.0 / (IN + OUT), false),
                Arguments.of("normal", Map.of("std", 0.3), 0.09, true),
                Arguments.of("uniform", Map.of("limit", 0.3), 0.03, false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sampleVarianceMatchesTheFormula(String name, Map<String, Object> params, double variance, boolean normal) {
        PluginRegistry.Bound<Initializer> b = REGISTRY.bind(Initializer.class, name, params);
        Matrix w = new Matrix(IN, OUT);
        b.plugin().create(b.params()).fill(w, IN, OUT, new Rng(42));
        int n = w.size();
        double sum = 0;
        double sumSq = 0;
        double maxAbs = 0;
        for (float v : w.data()) {
            sum += v;
            sumSq += (double) v * v;
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double mean = sum / n;
        double sampleVariance = (sumSq - n * mean * mean) / (n - 1);
        double kurtosis = normal ? 3 : 9.0 / 5;
        double se = variance * Math.sqrt((kurtosis - 1) / n);
        assertThat(Math.abs(mean)).as("mean").isLessThan(5 * Math.sqrt(variance / n));
        assertThat(Math.abs(sampleVariance - variance)).as("variance %s vs %s", sampleVariance, variance)
                .isLessThan(5 * se);
        if (!normal) {
            assertThat(maxAbs).as("uniform bound").isLessThanOrEqualTo((float) Math.sqrt(3 * variance));
        }
    }
}
