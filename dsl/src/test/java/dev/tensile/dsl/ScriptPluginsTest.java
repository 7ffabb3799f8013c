package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins written in the script itself, and predictions on hand-written examples. */
class ScriptPluginsTest {
    @TempDir
    Path dir;

    private static final String CSV = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    @Test
    void inlineActivationInitializerAndCallbackTrainAndPredict() {
        Path file = ScriptHarness.write(dir, "inline.groovy", """
                defineActivation 'softsign', forward: { z -> z / (1 + Math.abs(z)) },
                        derivative: { z, a -> 1 / ((1 + Math.abs(z)) ** 2) }
                defineInitializer 'lecun-ish', { fanIn, fanOut, rng -> rng.gaussian() * Math.sqrt(1.0 / fanIn) }
                def epochsSeen = []
                defineCallback 'collect', onEpochEnd: { e, log -> epochsSeen << e }
                data { train csv('%s', response: 'arm'); dev 0.2 }
                model { input 2; dense 32, activation: 'softsign', init: 'lecun-ish'; output 3 }
                summary()
                train { epochs 30; optimizer 'adam', lr: 0.05; callback 'collect' }
                assert epochsSeen == (1..30).toList()
                def p = predict(x: 0.05, y: 0.05)
                println "predicted ${p.label()} total ${String.format('%%.4f', p.probabilities().values().sum())}"
                def all = predict([[x: 0.5, y: 0.1], [x: -0.5, y: -0.1]])
                println "two predictions: ${all.size()}"
                """.formatted(CSV));
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("softsign").contains("lecun-ish")
                .containsPattern("predicted (red|green|blue) total 1\\.0000")
                .contains("two predictions: 2");
        double dev = r.out().lines().filter(l -> l.startsWith("epoch 30:")).map(l -> l.replaceAll(".*dev loss [0-9.]+ acc ([0-9.]+).*", "$1"))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
        assertThat(dev).as("dev accuracy with a script-defined activation").isGreaterThan(0.6);
    }

    @Test
    void aScriptPluginCannotShadowABuiltIn() {
        Path file = ScriptHarness.write(dir, "shadow.groovy", "defineActivation 'relu', forward: { it }, derivative: { z, a -> 1 }\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("shadow.groovy:1: activation 'relu' already exists (built-in); choose another name");
    }

    @Test
    void predictNamesAFeatureTheModelNeverSaw() {
        Path file = ScriptHarness.write(dir, "predict.groovy", """
                data { train csv('%s', response: 'arm') }
                model { input 2; output 3 }
                train { epochs 1 }
                predict(x: 1, z: 2)
                """.formatted(CSV));
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.err().strip()).isEqualTo("predict.groovy:4: predict: the model has no feature 'z'");
    }
}
