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
        Session session = new Session(PluginRegistry.discover(), out, Path.of("").toAbsolutePath(), null, Map.of());
        new TensileShell(LineSource.plain(in, out), new ScriptRunner(session), out).run();
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

    @Test
    void endsAtEndOfInputAndListsPlugins() throws Exception {
        String out = session(":plugins\n:nonsense\n");
        assertThat(out).contains("he-normal").contains("gaussian-noise")
                .contains("error: unknown command :nonsense");
    }
}
