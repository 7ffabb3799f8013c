package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake in a script is one line, FILE:LINE: message, and exit status 1. */
class ScriptErrorsTest {
    @TempDir
    Path dir;

    private String data() {
        return "data { train csv('" + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath()
                + "', response: 'arm') }\n";
    }

    private String error(String name, String script) {
        Path file = ScriptHarness.write(dir, name, script);
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        return r.err().strip();
    }

    @Test
    void syntaxErrorNamesTheLine() {
        assertThat(error("syntax.groovy", "model {\n  input 2\n  dense 4, activation: 'relu\n}\n"))
                .startsWith("syntax.groovy:3: syntax error:");
    }

    @Test
    void aMissingCommaInsideABlockIsReportedAtItsOwnLineNotTheBlocks() {
        // Groovy's parser blames line 5 (model {) with "Unexpected input: '{'"
        String script = data() + "\n// the model\nmodel {\n  input 2\n"
                + "  dense 16, activation: 'relu', init: 'he-normal' dropout: 0.1\n  output 3\n}\n";
        assertThat(error("comma.groovy", script)).isEqualTo("comma.groovy:6: syntax error: missing comma between"
                + " arguments? (dense 16, activation: 'relu', init: 'he-normal' dropout: 0.1)");
    }

    @Test
    void aMissingCommaThatStillParsesIsNotAnUnknownName() {
        // parsed as a property 'dense' followed by more: it used to say "unknown name 'dense'"
        String script = data() + "model {\n  input 2\n  dense 16 activation: 'relu'\n  output 3\n}\n";
        assertThat(error("parses.groovy", script))
                .isEqualTo("parses.groovy:4: missing comma between arguments? (dense 16 activation: 'relu')");
    }

    @Test
    void aSyntaxErrorWithoutAMissingCommaStillMovesToItsLine() {
        String script = "model {\n  input 2\n  dense 16, activation: 'relu'\n  output 3 +* 2\n}\n";
        assertThat(error("other.groovy", script)).startsWith("other.groovy:4: syntax error: ");
    }

    @Test
    void aMessageOfSeveralLinesIsOneLineWithoutLiteralBackslashN() {
        String out = error("lines.groovy", "throw new IllegalStateException('first part\\nsecond part')\n");
        // the first line of what the script threw (Groovy's own messages add "Possible solutions" lines), and no "\\n"
        assertThat(out).isEqualTo("lines.groovy:1: first part").doesNotContain("\\");
    }

    @Test
    void unknownPluginNameSuggestsTheClosest() {
        assertThat(error("plugin.groovy", "model {\n  input 2\n  dense 8, activation: 'relux'\n  output 3\n}\n"))
                .startsWith("plugin.groovy:3: unknown activation 'relux'; did you mean 'relu'? (activations: ");
    }

    @Test
    void unknownPluginParameterNamesPluginAndParameter() {
        assertThat(error("param.groovy", data() + "model { input 2; output 3 }\ntrain {\n  epochs 1\n  regularizer 'l2', lamda: 0.1\n}\n"))
                .isEqualTo("param.groovy:5: l2 has no parameter 'lamda'; did you mean 'lambda'? (parameters: lambda)");
    }

    @Test
    void outOfRangeValueSaysWhatIsAllowed() {
        assertThat(error("range.groovy", "model {\n  input 2\n  dropout 1.5\n  output 3\n}\n"))
                .isEqualTo("range.groovy:3: dropout parameter 'rate' must be a number in [0, 0.99], got 1.5");
    }

    @Test
    void unknownKeywordNamesTheBlock() {
        assertThat(error("keyword.groovy", "model {\n  input 2\n  denze 8\n}\n"))
                .isEqualTo("keyword.groovy:3: unknown keyword 'denze' in model { }; did you mean 'dense'? "
                        + "(keywords: input, layer, dense, dropout, conv, pool, globalAvgPool, flatten, batchNorm, output)");
    }

    @Test
    void shapesThatDoNotFitTheDataAreReported() {
        assertThat(error("shape.groovy", data() + "model { input 5; output 3 }\ntrain { epochs 1 }\n"))
                .isEqualTo("shape.groovy:3: the model's input is 5 features but the training data has 2");
    }

    @Test
    void missingDataFileIsNamed() {
        assertThat(error("missing.groovy", "data {\n  train csv('no-such.csv', response: 'y')\n}\n"))
                .startsWith("missing.groovy:2: data file not found: ").endsWith("no-such.csv");
    }

    @Test
    void unknownResponseColumnIsNamed() {
        String csv = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();
        assertThat(error("column.groovy", "data {\n  train csv('" + csv + "', response: 'colour')\n}\n"))
                .startsWith("column.groovy:2: ").contains("colour");
    }

    @Test
    void trainingBeforeAModelSaysWhatIsMissing() {
        assertThat(error("order.groovy", data() + "train { epochs 1 }\n"))
                .isEqualTo("order.groovy:2: train { } needs a model first: add a model { } block before it");
    }
}
