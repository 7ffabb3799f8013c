package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code save} and {@code load} in scripts: a second script evaluates what the first one trained. */
class ModelFileScriptTest {
    @TempDir
    Path dir;

    private String data() {
        return "data {\n  train csv('" + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath()
                + "', response: 'arm')\n  split test: 0.2, seed: 3\n}\n";
    }

    private static String evaluation(String out) {
        String from = out.substring(out.indexOf("evaluation on the test set"));
        int saved = from.indexOf("probabilities: ");
        return saved < 0 ? from : from.substring(0, saved);
    }

    private static String probabilities(String out) {
        return out.lines().filter(l -> l.startsWith("probabilities: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no probabilities line in:\n" + out));
    }

    @Test
    void aLoadedModelEvaluatesExactlyAsTheTrainedOne() {
        Path trainScript = ScriptHarness.write(dir, "fit.groovy", data() + """
                model {
                    input 2
                    dense 32, activation: 'relu'
                    dropout 0.1
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.02
                    epochs 15
                    batch 32
                    seed 4
                }
                evaluate()
                println "probabilities: " + predict(x: 0.3, y: -0.2).probabilities()
                save 'spirals.tensile'
                """);
        ScriptHarness.Result fit = ScriptHarness.tensile("run", trainScript.toString());
        assertThat(fit.err()).isEmpty();
        assertThat(fit.status()).isZero();
        Path saved = dir.resolve("spirals.tensile");
        assertThat(fit.out()).contains("saved the model to " + saved);
        assertThat(saved).isRegularFile();

        Path evalScript = ScriptHarness.write(dir, "use.groovy", data() + "load 'spirals.tensile'\nevaluate()\n"
                + "println \"probabilities: \" + predict(x: 0.3, y: -0.2).probabilities()\n");
        ScriptHarness.Result use = ScriptHarness.tensile("run", evalScript.toString());
        assertThat(use.err()).isEmpty();
        assertThat(use.status()).isZero();
        assertThat(use.out()).contains("loaded the model from " + saved + ": 2 inputs, 3 classes, 195 parameters, 15 epochs of history");
        // Same accuracy, and the very same report: per-class figures and confusion matrix included.
        assertThat(ScriptHarness.accuracy(use.out())).isEqualTo(ScriptHarness.accuracy(fit.out())).isGreaterThan(0.5);
        assertThat(evaluation(use.out())).isEqualTo(evaluation(fit.out()));
        // predict() by feature name on the loaded model: the same probabilities, printed to the last digit.
        assertThat(probabilities(use.out())).isEqualTo(probabilities(fit.out())).contains("red:");
    }

    @Test
    void aBadModelFileIsOneLineNamingScriptLineFileAndProblem() throws IOException {
        Path bad = dir.resolve("bad.tensile");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        Path script = ScriptHarness.write(dir, "bad.groovy", data() + "load 'bad.tensile'\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("bad.groovy:5: " + bad
                + ": not a model file: not a readable zip archive (truncated or damaged?)");
    }

    @Test
    void aMissingModelFileAndSavingBeforeTrainingAreOneLineErrors() {
        Path script = ScriptHarness.write(dir, "missing.groovy", "println 'hi'\nload 'nowhere.tensile'\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).matches("missing\\.groovy:2: .*nowhere\\.tensile: no such model file");

        Path early = ScriptHarness.write(dir, "early.groovy", "model { input 2; output 3 }\nsave 'x.tensile'\n");
        ScriptHarness.Result e = ScriptHarness.tensile("run", early.toString());
        assertThat(e.err().strip()).isEqualTo(
                "early.groovy:2: save needs a trained model: add a train { } block (or load a model) before it");
        assertThat(dir.resolve("x.tensile")).doesNotExist();
    }
}
