package dev.tensile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.dsl.ScriptRunner;
import dev.tensile.dsl.Session;
import dev.tensile.plugin.PluginRegistry;

/** The shell driven with scripted input, as a pipe drives it. */
class TensileShellTest {
    private static final Path SPIRALS = Path.of("..", "examples", "data", "spirals.csv").toAbsolutePath();

    static String session(String input) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new StringReader(input));
        PluginRegistry registry = PluginRegistry.discover();
        new TensileShell(LineSource.plain(in, out),
                () -> new ScriptRunner(new Session(registry, out, Path.of("").toAbsolutePath(), null, Map.of())), out).run();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keepsStateBetweenLines() throws Exception {
        String out = session("x = 21\nx * 2\n:quit\n");
        assertThat(out).contains("==> 42");
    }

    @Test
    void anOpenBlockContinuesOnTheNextLines() throws Exception {
        String out = session("model {\n  input 2\n  dense 8, activation: 'tanh'\n  output 3\n}\n:summary\n:quit\n");
        assertThat(out).contains(TensileShell.CONTINUE)
                .contains("layer 1 (dense 8)")
                .contains("xavier-uniform")
                .contains("total trainable parameters: 51");
    }

    @Test
    void anErrorIsOneLineAndTheSessionGoesOn() throws Exception {
        String out = session("y = 1\nmodel { input 2; dense 4, activation: 'nope'; output 3 }\ny + 1\n:quit\n");
        assertThat(out).contains("error: line 1: unknown activation 'nope'");
        assertThat(out).contains("==> 2");
        assertThat(out.lines().filter(l -> l.contains("at dev.tensile") || l.contains("Exception"))).isEmpty();
    }

    @Test
    void trainsAndEvaluatesWithinTheSession() throws Exception {
        String out = session("data { train csv('" + SPIRALS + "', response: 'arm'); split test: 0.25 }\n"
                + "model { input 2; dense 32; output 3 }\n"
                + "train { epochs 20; optimizer 'adam', lr: 0.02; callback 'progress', every: 20 }\n"
                + "evaluate()\n:quit\n");
        assertThat(out).contains("epoch 20: loss").contains("Confusion matrix");
        double accuracy = out.lines().filter(l -> l.startsWith("Accuracy")).map(l -> l.replaceAll("[^0-9.]", ""))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
        assertThat(accuracy).isGreaterThan(0.8);
    }

    private static final String SPIRAL_SETUP = "data { train csv('" + SPIRALS + "', response: 'arm'); split dev: 0.25 }\n"
            + "model { input 2; dense 32; output 3 }\n";

    @Test
    void trainContinuesTheRunAndPlotDrawsItsLossCurves() throws Exception {
        String out = session(SPIRAL_SETUP
                + "train { epochs 3; optimizer 'adam', lr: 0.02; callback 'progress', every: 1 }\n"
                + ":train 2\n:plot\n:quit\n");
        // the continued run numbers its epochs on from the first
        assertThat(out).contains("epoch 3: loss").contains("epoch 4: loss").contains("epoch 5: loss")
                .contains("* train loss").contains("o dev loss").contains("epoch 5");
    }

    @Test
    void trainAfterANewModelTrainsItWithTheLastTrainBlock() throws Exception {
        String out = session(SPIRAL_SETUP
                + "train { epochs 3; optimizer 'adam', lr: 0.02; callback 'progress', every: 1 }\n"
                + "model { input 2; dense 8, activation: 'tanh'; output 3 }\n"
                + ":train 2\n"
                + "tensileSession.model().history().epochs().size()\n"
                + "tensileSession.model().spec().layers()[0].layer().params()\n"
                + ":train\n"
                + "tensileSession.model().history().epochs().size()\n:quit\n");
        assertThat(out).doesNotContain("error:").contains("training the new model { } with the last train { } block for 2 epochs");
        // the new model trained afresh for 2 epochs (its first layer is the new one), then :train went on by 3
        assertThat(out.lines().filter(l -> l.startsWith("==> ")).toList()).containsExactly("==> 2", "==> {units=8}", "==> 5");
    }

    @Test
    void anInterruptedTrainingKeepsItsWeightsAndTheSessionGoesOn() throws Exception {
        String out = session(SPIRAL_SETUP
                + "train {\n  epochs 50; batch 16; optimizer 'adam', lr: 0.02\n"
                + "  onEpochEnd { e, log -> if (e == 2) tensileSession.requestInterrupt() }\n}\n"
                + "tensileSession.model().history().epochs().size()\n"
                + "evaluate()\n:quit\n");
        assertThat(out).contains("stopped early: interrupted at step");
        assertThat(out).contains("==> 3"); // epochs 1 and 2, then one batch of epoch 3
        assertThat(out).contains("Confusion matrix");
        assertThat(out).doesNotContain("epoch 50");
    }

    @Test
    void saveWritesTheModelAndLoadBringsItBack(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.tensile");
        String out = session(SPIRAL_SETUP + "train { epochs 3 }\n:save " + file + "\n"
                + "before = predict(x: 0.3, y: -0.2).probabilities()\n"
                + "train { epochs 2; seed 99 }\nbefore == predict(x: 0.3, y: -0.2).probabilities()\n"
                + "load '" + file + "'\nbefore == predict(x: 0.3, y: -0.2).probabilities()\n:quit\n");
        assertThat(java.nio.file.Files.size(file)).isPositive();
        assertThat(out).doesNotContain("error:");
        // retrained with another seed the prediction changed; the loaded model predicts as the saved one did
        assertThat(out).containsSubsequence("==> false", "==> true");
    }

    @Test
    void exportWritesAnOnnxFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.onnx");
        String out = session(SPIRAL_SETUP + ":export\n:export " + file + "\ntrain { epochs 2 }\n:export " + file + "\n:quit\n");
        assertThat(out).contains("error: :export needs a file")
                .contains("export needs a trained model")
                .contains("exported the model to " + file + " (ONNX opset 13)");
        // an ONNX model proto: its graph takes the raw features
        assertThat(ai.onnx.proto.OnnxMl.ModelProto.parseFrom(java.nio.file.Files.readAllBytes(file)).getGraph()
                .getInput(0).getName()).isEqualTo("features");
    }

    @Test
    void loadRunsAnExampleIntoTheSessionAndDiagnoseFollows() throws Exception {
        Path quickstart = Path.of("..", "examples", "quickstart.groovy").toAbsolutePath();
        String out = session(":load " + quickstart + "\nsummary()\n:diagnose 0.01\n:quit\n");
        assertThat(out).contains("epoch 60: loss").contains("Confusion matrix")
                .contains("total trainable parameters: 4547")
                .contains("human-level error 1.00%").contains("diagnosis:");
        assertThat(out.lines().filter(l -> l.startsWith("error:"))).isEmpty();
    }

    @Test
    void evalPrintsItsTableOnceAndDiagnoseEchoesNoRecord() throws Exception {
        String out = session(SPIRAL_SETUP + "train { epochs 3 }\n:eval\n:diagnose 0.01\n:quit\n");
        assertThat(out.split("Confusion matrix", -1)).hasSize(2);
        assertThat(out).contains("diagnosis:").doesNotContain("Diagnosis[").doesNotContain("==> ");
    }

    @Test
    void aMissingCommaInABlockIsReportedAtItsLine() throws Exception {
        String out = session("model {\n  input 2\n  dense 16, activation: 'relu' init: 'he-normal'\n  output 3\n}\n:quit\n");
        assertThat(out).contains("error: line 3: syntax error: missing comma between arguments?"
                + " (dense 16, activation: 'relu' init: 'he-normal')");
    }

    @Test
    void aPipedSessionWithAnErrorExitsWithStatusOne() {
        java.io.InputStream stdin = System.in;
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setIn(new java.io.ByteArrayInputStream("x = 1\n:quit\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(dev.tensile.dsl.cli.TensileCli.execute("shell")).isZero();
            System.setIn(new java.io.ByteArrayInputStream("nosuchname + 1\n:quit\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(dev.tensile.dsl.cli.TensileCli.execute("shell")).isEqualTo(1);
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }
    }

    @Test
    void resetForgetsTheSession() throws Exception {
        String out = session("z = 5\n:reset\nz\n:quit\n");
        assertThat(out).contains("fresh session").contains("error: line 1: unknown name 'z'");
    }

    @Test
    void resetForgetsScriptDefinedPluginsToo() throws Exception {
        String define = "defineActivation 'cube', forward: { z -> z * z * z }, derivative: { z, a -> 3 * z * z }\n";
        String out = session(define + ":plugins activation\n:reset\n:plugins activation\n"
                + "model { input 2; dense 4, activation: 'cube'; output 3 }\n" + define + ":quit\n");
        String[] parts = out.split("fresh session", 2);
        assertThat(parts[0]).contains("cube");
        assertThat(parts[1]).contains("relu").containsSubsequence("error: line 1: unknown activation 'cube'");
        assertThat(parts[1].substring(0, parts[1].indexOf("tensile> model"))).doesNotContain("cube"); // the listing after :reset
        // defined again after the reset, without "already exists"
        assertThat(out.lines().filter(l -> l.startsWith("error:"))).hasSize(1);
    }

    @Test
    void endsAtEndOfInputAndListsPlugins() throws Exception {
        String out = session(":plugins\n:plugins lay\n:nonsense\n");
        assertThat(out).contains("he-normal").contains("gaussian-noise")
                .contains("error: no plugin kind 'lay' (kinds: initializer, activation, regularizer, augmentation, callback, layer)")
                .contains("error: unknown command :nonsense");
    }
}
