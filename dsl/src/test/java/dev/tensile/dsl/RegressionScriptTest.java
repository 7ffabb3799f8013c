package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.io.ModelFiles;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tribuo.NetworkModel;
import dev.tensile.tribuo.TensileRegressionModel;

/**
 * Regression from scripts, on Friedman's problem #1 (y has standard deviation about 4.9; its noise alone gives an
 * RMSE of 1): the loss chooses a regression dataset, evaluate() prints Tribuo's RMSE, MAE and R², predict gives a
 * number, diagnose works in the target's units, and save, load, crossValidate and resume work for regressors.
 */
class RegressionScriptTest {
    static final String FRIEDMAN = ScriptHarness.EXAMPLES.resolve("data/friedman.csv").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private static String data(String csvOptions) {
        return "data {\n  train csv('" + FRIEDMAN + "', response: 'y'" + csvOptions + ")\n  split test: 0.2, dev: 0.1\n"
                + "  scale 'z-score'\n}\n";
    }

    private static final String MODEL = """
            model {
                input 8
                dense 32, activation: 'tanh'
                output 1, activation: 'identity', loss: 'mse'
            }
            """;

    private static final String TRAIN = """
            train {
                optimizer 'adam', lr: 0.01
                epochs 60
                batch 32
            }
            """;

    private static final String X = "x1: 0.5, x2: 0.5, x3: 0.5, x4: 0.5, x5: 0.5, x6: 0.1, x7: 0.1, x8: 0.1";

    @Test
    void theLossChoosesRegressionAndEveryActionWorksOnARegressor() {
        Path script = ScriptHarness.write(dir, "reg.groovy", data("") + MODEL + TRAIN + """
                evaluate()
                diagnose humanError: 1.0
                crossValidate folds: 3
                p = predict(%s)
                assert p instanceof Double
                println "predicted y = $p"
                save 'reg.tensile'
                load 'reg.tensile'
                assert predict(%s) == p
                """.formatted(X, X));
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        // at the data block the response is read as labels, with a word on what it looks like
        assertThat(r.out()).contains("note: 'y' has 360 distinct numeric values, read as 360 classes; to predict the"
                + " number instead, give the output activation: 'identity', loss: 'mse' (regression)");
        assertThat(r.out()).contains("evaluation on the test set, 100 examples:").contains("RMSE = {y=")
                .contains("Mean Absolute Error = {y=").contains("R^2 = {y=");
        // y's own deviation is about 4.9: a fit that explains most of it has R² well above 0.5
        assertThat(number(r.out(), "R^2 = {y=")).isGreaterThan(0.6);
        assertThat(r.out()).contains("(in the units of 'y')").containsPattern("human-level RMSE 1\\.000, training RMSE \\d");
        assertThat(r.out()).containsPattern("fold 3: RMSE [0-9.]+, MAE [0-9.]+, R² [0-9.]+ on \\d+ examples")
                .contains("cross-validation (3 folds): RMSE");
        // the true function at this point is 10 sin(pi/4) + 0 + 5 + 2.5 = 14.57
        assertThat(number(r.out(), "predicted y = ")).isBetween(10.0, 19.0);
        assertThat(r.out()).contains("8 inputs, regression on 'y', 321 parameters, 60 epochs of history");
        assertThat(ModelFiles.loadAny(dir.resolve("reg.tensile"), new NetworkBuilder(PluginRegistry.discover(),
                dev.tensile.kernel.GemmProvider.get()))).isInstanceOf(TensileRegressionModel.class);
    }

    @Test
    void taskRegressionReadsNumbersAtTheDataBlockAndATribuoRegressionSourceWorksToo() {
        Path script = ScriptHarness.write(dir, "task.groovy", data(", task: 'regression'") + MODEL + TRAIN + """
                e = evaluate()
                assert e instanceof org.tribuo.regression.evaluation.RegressionEvaluation
                data {
                    train new org.tribuo.data.csv.CSVLoader(new org.tribuo.regression.RegressionFactory())
                            .loadDataSource(java.nio.file.Path.of('%s'), 'y')
                    dev 0.2
                }
                train { epochs 2 }
                evaluate()
                """.formatted(FRIEDMAN));
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("data: 360 train, 40 dev, 100 test examples; 8 features, regression on 'y'")
                .doesNotContain("note:").contains("evaluation on the dev set, 100 examples:");
    }

    @Test
    void aMismatchOfDataAndLossIsOneLine() {
        Path labels = ScriptHarness.write(dir, "labels.groovy", "data { train csv('"
                + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath() + "', response: 'arm') }\n"
                + "model { input 2; dense 4; output 1, activation: 'identity', loss: 'mse' }\ntrain { epochs 1 }\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", labels.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).endsWith("spirals.csv:2: a regression loss needs a number in 'arm', got 'red'"
                + " (classify with loss: 'cross-entropy' instead?)");

        Path numbers = ScriptHarness.write(dir, "numbers.groovy", data(", task: 'regression'")
                + "model { input 8; dense 4; output 3 }\ntrain { epochs 1 }\n");
        r = ScriptHarness.tensile("run", numbers.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("numbers.groovy:7: the data { } block reads a regression response"
                + " (task: 'regression') but the model's loss 'cross-entropy' classifies: use loss: 'mse' with"
                + " activation: 'identity'");
    }

    @Test
    void aRegressorResumesFromItsCheckpointBitForBit() {
        String run = "dir = '" + dir.toAbsolutePath() + "'\n" + data("") + MODEL + """
                train {
                    optimizer 'adam', lr: 0.01
                    epochs 6
                    batch 32
                    callback 'checkpoint', path: 'run.tensile', every: 3
                    onEpochEnd { epoch, log ->
                        if (epoch == 3) java.nio.file.Files.copy(java.nio.file.Path.of(dir, 'run.tensile'),
                                java.nio.file.Path.of(dir, 'at3.tensile'), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
                    }
                }
                save param('out', 'full.tensile')
                """;
        Path script = ScriptHarness.write(dir, "resume.groovy", run);
        ScriptHarness.Result once = ScriptHarness.tensile("run", script.toString());
        assertThat(once.err()).isEmpty();
        ScriptHarness.Result resumed = ScriptHarness.tensile("run", script.toString(), "--resume",
                dir.resolve("at3.tensile").toString(), "-Pout=resumed.tensile");
        assertThat(resumed.err()).isEmpty();
        assertThat(resumed.out()).contains("after epoch 3, up to epoch 6");
        PluginRegistry registry = PluginRegistry.discover();
        NetworkBuilder builder = new NetworkBuilder(registry, dev.tensile.kernel.GemmProvider.get());
        NetworkModel<?> a = ModelFiles.loadAny(dir.resolve("full.tensile"), builder);
        NetworkModel<?> b = ModelFiles.loadAny(dir.resolve("resumed.tensile"), builder);
        List<Parameter> pa = a.network().parameters();
        List<Parameter> pb = b.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pb.get(i).value().data()).as(pa.get(i).name()).containsExactly(pa.get(i).value().data());
        }
        assertThat(b.history().epochs()).hasSize(6);
    }

    private static double number(String out, String after) {
        int at = out.indexOf(after);
        assertThat(at).as("'" + after + "' in:\n" + out).isNotNegative();
        String rest = out.substring(at + after.length());
        return Double.parseDouble(rest.replaceFirst("^([-0-9.Ee]+).*", "$1").lines().findFirst().orElseThrow());
    }
}
