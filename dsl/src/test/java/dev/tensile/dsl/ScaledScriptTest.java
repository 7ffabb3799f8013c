package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.data.Scaling;
import dev.tensile.io.ModelFiles;
import dev.tensile.nn.Parameter;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tribuo.TensileModel;

/**
 * Scripts with {@code scale}: the model file carries the fitted scaling, so a second script that loads it evaluates
 * exactly as the first did; and a scaled run checkpointed by the callback and resumed ends with the weights of the
 * uninterrupted run.
 */
class ScaledScriptTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    @TempDir
    Path dir;

    private static String data(String scale) {
        return "data {\n  train csv('" + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath()
                + "', response: 'arm')\n  split test: 0.2, dev: 0.1, seed: 3\n" + scale + "}\n";
    }

    private static String evaluation(String out) {
        String from = out.substring(out.indexOf("evaluation on the test set"));
        int end = from.indexOf("probabilities: ");
        return end < 0 ? from : from.substring(0, end);
    }

    private static String accuracyLine(String out) {
        return out.lines().filter(l -> l.startsWith("Accuracy")).findFirst()
                .orElseThrow(() -> new AssertionError("no Accuracy line in:\n" + out));
    }

    @Test
    void aZScoreModelSavedAndLoadedInAnotherScriptEvaluatesTheSame() {
        Path fit = ScriptHarness.write(dir, "fit.groovy", data("  scale 'z-score'\n") + """
                model {
                    input 2
                    dense 32, activation: 'relu'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.02
                    epochs 10
                    batch 32
                    seed 4
                }
                evaluate()
                println "probabilities: " + predict(x: 0.3, y: -0.2).probabilities()
                save 'scaled.tensile'
                """);
        ScriptHarness.Result a = ScriptHarness.tensile("run", fit.toString());
        assertThat(a.err()).isEmpty();
        assertThat(a.status()).isZero();
        assertThat(ModelFiles.load(dir.resolve("scaled.tensile"), REGISTRY).scaling().kind()).isEqualTo(Scaling.Kind.Z_SCORE);

        // No scale in the second script: the loaded model scales raw inputs with the statistics it was saved with.
        Path use = ScriptHarness.write(dir, "use.groovy", data("") + "load 'scaled.tensile'\nevaluate()\n"
                + "println \"probabilities: \" + predict(x: 0.3, y: -0.2).probabilities()\n");
        ScriptHarness.Result b = ScriptHarness.tensile("run", use.toString());
        assertThat(b.err()).isEmpty();
        assertThat(b.status()).isZero();
        assertThat(accuracyLine(b.out())).isEqualTo(accuracyLine(a.out()));
        assertThat(evaluation(b.out())).isEqualTo(evaluation(a.out()));
        String probs = a.out().lines().filter(l -> l.startsWith("probabilities: ")).findFirst().orElseThrow();
        assertThat(b.out()).contains(probs);
    }

    private Path run(String name, String extra) {
        return ScriptHarness.write(dir, name, "dir = '" + dir.toAbsolutePath() + "'\n" + data("  scale 'min-max'\n") + """
                model {
                    input 2
                    dense 16, activation: 'relu'
                    dropout 0.2
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.01
                    epochs 6
                    batch 32
                    seed 5
                    callback 'checkpoint', path: 'run.tensile', every: 3
                    onEpochEnd { epoch, log ->
                        if (epoch == 3) java.nio.file.Files.copy(java.nio.file.Path.of(dir, 'run.tensile'),
                                java.nio.file.Path.of(dir, 'at3.tensile'), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
                    }
                """ + extra + "}\nsave param('out', 'final.tensile')\n");
    }

    @Test
    void aScaledRunResumedFromItsCheckpointEndsAsTheUninterruptedOne() {
        ScriptHarness.Result once = ScriptHarness.tensile("run", run("full.groovy", "").toString());
        assertThat(once.err()).isEmpty();
        assertThat(once.status()).isZero();
        ScriptHarness.Result resumed = ScriptHarness.tensile("run", run("resume.groovy", "    resume 'at3.tensile'\n").toString(),
                "-Pout=resumed.tensile");
        assertThat(resumed.err()).isEmpty();
        assertThat(resumed.status()).isZero();
        assertThat(resumed.out()).contains("after epoch 3, up to epoch 6");
        TensileModel x = ModelFiles.load(dir.resolve("final.tensile"), REGISTRY);
        TensileModel y = ModelFiles.load(dir.resolve("resumed.tensile"), REGISTRY);
        assertThat(y.scaling().kind()).isEqualTo(Scaling.Kind.MIN_MAX);
        assertThat(y.scaling().statistics()).isDeepEqualTo(x.scaling().statistics());
        List<Parameter> px = x.network().parameters();
        List<Parameter> py = y.network().parameters();
        for (int i = 0; i < px.size(); i++) {
            float[] u = px.get(i).value().data();
            float[] v = py.get(i).value().data();
            for (int j = 0; j < u.length; j++) {
                assertThat(Float.floatToRawIntBits(v[j])).as(px.get(i).name() + "[" + j + "]")
                        .isEqualTo(Float.floatToRawIntBits(u[j]));
            }
        }
    }
}
