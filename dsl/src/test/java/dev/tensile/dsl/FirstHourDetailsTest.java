package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smaller things of issue 19 item 10, through the real command line: names that get "did you mean", losses
 * that print readably at any size, and what nan-guard says it restored.
 */
class FirstHourDetailsTest {
    @TempDir
    Path dir;

    private static final String SPIRALS = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();
    private static final String DATA = "data {\n  train csv('" + SPIRALS + "', response: 'arm')\n  split dev: 0.2\n}\n";

    private ScriptHarness.Result run(String name, String script) {
        return ScriptHarness.tensile("run", ScriptHarness.write(dir, name, script).toString());
    }

    private String error(String name, String script) {
        ScriptHarness.Result r = run(name, script);
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        return r.err().strip();
    }

    @Test
    void aTypoOfALayerKeywordsArgumentIsOfferedTheArgument() {
        assertThat(error("typo.groovy", DATA + "model {\n  input 2\n  dense 8, activaton: 'relu'\n  output 3\n}\n"))
                .isEqualTo("typo.groovy:7: 'dense' has no parameter 'activaton'; did you mean 'activation'?"
                        + " (parameters: units, activation, init)");
        assertThat(error("init.groovy", DATA + "model {\n  input 2\n  layer 'dense', units: 8, innit: 'he-normal'\n"
                + "  output 3\n}\n")).isEqualTo("init.groovy:7: layer 'dense' has no parameter 'innit'; did you mean"
                + " 'init'? (parameters: units, activation, init)");
        // an activation's own parameters still go to it, and a wrong one names it among the rest
        assertThat(run("alpha.groovy", DATA + "model { input 2; dense 8, activation: 'leaky-relu', alpha: 0.2; output 3 }\n")
                .status()).isZero();
        assertThat(error("alfa.groovy", DATA + "model {\n  input 2\n  output 3, activation: 'softmax', alfa: 1\n}\n"))
                .startsWith("alfa.groovy:7: output has no parameter 'alfa' (parameters: units, activation, init");
    }

    @Test
    void aMistypedLossGetsDidYouMeanAtItsLine() {
        assertThat(error("loss.groovy", DATA + "model {\n  input 2\n  dense 8\n  output 3, loss: 'crossentropy'\n}\n"))
                .isEqualTo("loss.groovy:8: unknown loss 'crossentropy'; did you mean 'cross-entropy'?"
                        + " (losses: cross-entropy, binary-cross-entropy, mse)");
    }

    @Test
    void aHugeLossPrintsInScientificNotation() throws Exception {
        // targets near 3e13: the first epoch's mean squared error is about 1e27
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(3e13 + i * 1e11).append('\n');
        }
        Files.writeString(dir.resolve("huge.csv"), csv.toString());
        ScriptHarness.Result r = run("huge.groovy", "data { train csv('huge.csv', response: 'y', task: 'regression') }\n"
                + "model { input 1; output 1, activation: 'identity', loss: 'mse' }\n"
                + "train { epochs 2; callback 'progress', every: 1 }\n");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("epoch 1: loss 1\\.0\\d{2}e\\+27 ").doesNotContainPattern("\\d{12}");
    }

    @Test
    void nanGuardSaysWhichEpochsWeightsItRestored() {
        // a script activation that turns to NaN once epoch 2 has ended: epoch 3's first step fails
        ScriptHarness.Result r = run("nan.groovy", DATA + """
                boom = false
                defineActivation 'fuse', forward: { z -> boom ? Double.NaN : Math.tanh(z) }, derivative: { z, a -> 1 - a * a }
                model { input 2; dense 8, activation: 'fuse'; output 3 }
                train {
                    epochs 5
                    callback 'nan-guard'
                    callback 'progress', every: 1
                    onEpochEnd { e, log -> if (e == 2) boom = true }
                }
                println "trained ${tensileSession.model().history().epochs().size()} epochs"
                """);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("nan-guard: restored the weights of the end of epoch 2 \\(loss \\d\\.\\d{4}\\)")
                .doesNotContain("last epoch that ended with a finite loss");
    }

    @Test
    void oneSigmoidUnitClassifiesTwoClassesLikeKeras() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,side\n");
        dev.tensile.tensor.Rng rng = new dev.tensile.tensor.Rng(4);
        for (int i = 0; i < 200; i++) {
            double x = rng.uniform(-1, 1);
            csv.append(x).append(',').append(rng.uniform(-1, 1)).append(',').append(x > 0 ? "east" : "west").append('\n');
        }
        Files.writeString(dir.resolve("sides.csv"), csv.toString());
        ScriptHarness.Result r = run("sides.groovy", """
                data { train csv('sides.csv', response: 'side'); split test: 0.25, dev: 0.1, seed: 1 }
                model { input 2; dense 8, activation: 'tanh'; output 1, activation: 'sigmoid', loss: 'binary-cross-entropy' }
                train { epochs 40; optimizer 'adam', lr: 0.05; callback 'progress', every: 40 }
                evaluate()
                p = predict(x: 0.8, y: 0.1)
                println "east ${p.label()} ${p.probabilities().keySet().sort()} ${Math.abs(p.probabilities().values().sum() - 1) < 1e-6}"
                save 'sides.tensile'
                load 'sides.tensile'
                println "loaded ${predict(x: 0.8, y: 0.1).probabilities() == p.probabilities()} ${predict(x: -0.8, y: 0).label()}"
                """);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(ScriptHarness.accuracy(r.out())).isGreaterThan(0.9);
        assertThat(r.out()).contains("east east [east, west] true").contains("loaded true west")
                .containsPattern("epoch 40: loss \\d\\.\\d{4} acc (0\\.9\\d+|1\\.0000) \\| dev loss");
    }
}
