package dev.tensile.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.dsl.ScriptFailure;
import dev.tensile.dsl.ScriptRunner;
import dev.tensile.dsl.Session;
import dev.tensile.io.ModelFiles;
import dev.tensile.nn.Parameter;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tribuo.TensileModel;

/** The same script trains on Spark with one more line; what it makes is an ordinary model; a driver restart resumes. */
class ScriptOnSparkTest {
    private static final String SPIRALS = Path.of("..", "examples", "data", "spirals.csv").toAbsolutePath().toString()
            .replace('\\', '/');

    @TempDir
    Path dir;

    private String run(String script, Map<String, String> props, Path resume) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Session session = new Session(PluginRegistry.discover(), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                dir, null, props);
        if (resume != null) {
            session.resumeFrom(resume);
        }
        new ScriptRunner(session).run(script, "spark.groovy");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String script(String trainLines, String after) {
        return """
                data {
                    train csv('%s', response: 'arm')
                    split test: 0.2, dev: 0.1, seed: 3
                    scale 'z-score'
                }
                model {
                    input 2
                    dense 32, activation: 'relu'
                    dropout 0.1
                    dense 32, activation: 'relu'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.01
                    epochs param('epochs', 30)
                    batch 32
                    seed 4
                    distributed master: '%s', workers: 2, averageEvery: 4
                    %s
                }
                %s
                """.formatted(SPIRALS, Fixtures.MASTER, trainLines, after);
    }

    @Test
    void aScriptTrainsOnSparkAndItsModelEvaluatesDiagnosesSavesAndLoads() {
        String out = run(script("callback 'early-stopping', patience: 50", """
                evaluate()
                diagnose humanError: 0.01
                save 'spirals.tensile'
                load 'spirals.tensile'
                evaluate()
                """), Map.of(), null);
        assertThat(out).contains("spark: parameter averaging every 4 steps on " + Fixtures.MASTER + ", 2 partitions");
        assertThat(out).contains("diagnosis:");
        List<Double> accuracies = out.lines().filter(l -> l.startsWith("Accuracy"))
                .map(l -> Double.parseDouble(l.replaceAll("[^0-9.]", ""))).toList();
        assertThat(accuracies).hasSize(2);
        assertThat(accuracies.get(0)).isGreaterThan(0.9).isEqualTo(accuracies.get(1));
        TensileModel m = ModelFiles.load(dir.resolve("spirals.tensile"), Fixtures.BUILDER);
        assertThat(m.history().epochs()).hasSize(30);
    }

    /**
     * A driver that dies after epoch 2 and is started again with --resume gives the uninterrupted run's weights bit
     * for bit: the checkpoint holds the averaged weights and optimizer state, and each partition's streams restart
     * from the seed and the epoch.
     */
    @Test
    void aDriverRestartResumesFromTheCheckpointBitForBit() {
        run(script("", "save 'straight.tensile'"), Map.of("epochs", "4"), null);
        run(script("callback 'checkpoint', path: 'run.tensile'", ""), Map.of("epochs", "2"), null);
        String out = run(script("", "save 'resumed.tensile'"), Map.of("epochs", "4"), dir.resolve("run.tensile"));
        assertThat(out).contains("resuming from");
        List<Parameter> a = ModelFiles.load(dir.resolve("straight.tensile"), Fixtures.BUILDER).network().parameters();
        List<Parameter> b = ModelFiles.load(dir.resolve("resumed.tensile"), Fixtures.BUILDER).network().parameters();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).value().data()).as(a.get(i).name()).containsExactly(a.get(i).value().data());
        }
    }

    @Test
    void aPluginDefinedInTheScriptIsRefusedWithOneClearLine() {
        String script = script("", "").replace("model {", """
                defineActivation 'cube', forward: { z -> z * z * z }, derivative: { z, a -> 3 * z * z }
                model {""").replace("dense 32, activation: 'relu'\n    dropout", "dense 32, activation: 'cube'\n    dropout");
        assertThat(script).contains("activation: 'cube'");
        assertThatThrownBy(() -> run(script, Map.of("epochs", "1"), null))
                .isInstanceOf(ScriptFailure.class)
                .hasMessageContaining("spark.groovy:")
                .hasMessageContaining("activation 'cube' is defined in the script")
                .hasMessageContaining("plugin jar");
    }

    @Test
    void theReadmesSparkSnippetsRun() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("```groovy spark\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int n = 0;
        while (m.find()) {
            n++;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Session session = new Session(PluginRegistry.discover(), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    Path.of("..", "examples").toAbsolutePath(), null, Map.of("epochs", "5"));
            new ScriptRunner(session).run(m.group(1), "README.groovy");
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("spark: ");
        }
        assertThat(n).isPositive();
    }
}
