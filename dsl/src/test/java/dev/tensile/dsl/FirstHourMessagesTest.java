package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets in the first hour (issue 19), through the real command line: no Java internals in messages,
 * cross-validation with early stopping, and L2's scale said where the plugins are listed.
 */
class FirstHourMessagesTest {
    @TempDir
    Path dir;

    private static final String SPIRALS = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    private static final String SETUP = "data {\n  train csv('" + SPIRALS + "', response: 'arm')\n  split test: 0.2, dev: 0.1\n}\n"
            + "model { input 2; dense 8, activation: 'tanh'; output 3 }\n";

    private String error(String name, String script) {
        ScriptHarness.Result r = ScriptHarness.tensile("run", ScriptHarness.write(dir, name, script).toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        return r.err().strip();
    }

    @Test
    void predictNamesTheFeaturesItTakesAsZero() {
        String script = SETUP + "train { epochs 1 }\npredict(x: 0.5)\npredict(x: 0.5, y: 0.1)\n";
        ScriptHarness.Result r = ScriptHarness.tensile("run", ScriptHarness.write(dir, "missing.groovy", script).toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("warning: predict")).toList())
                .containsExactly("warning: predict: 1 of 2 features not given, taken as 0: y");
    }

    @Test
    void predictWithAListOfNumbersOrNothingSaysHowToCallIt() {
        String train = SETUP + "train { epochs 1 }\n";
        assertThat(error("list.groovy", train + "predict([1.0, 2.0, 3.0])\n")).isEqualTo("list.groovy:7: predict takes"
                + " feature values by name, e.g. predict(x: 0.5, y: 0.5), or a list of such maps; got [1.0, 2.0, 3.0]");
        assertThat(error("none.groovy", train + "predict()\n"))
                .isEqualTo("none.groovy:7: predict needs feature values by name, e.g. predict(x: 0.5, y: 0.5)");
    }

    @Test
    void evaluateAfterLoadWithoutDataAsksForData() {
        String save = SETUP + "train { epochs 1 }\nsave 'm.tensile'\n";
        assertThat(ScriptHarness.tensile("run", ScriptHarness.write(dir, "save.groovy", save).toString()).status()).isZero();
        assertThat(error("eval.groovy", "load 'm.tensile'\nevaluate()\n"))
                .isEqualTo("eval.groovy:2: evaluate() needs data: add a data { } block (a loaded model brings none)");
    }

    @Test
    void aRefusedResumeDescribesBothModelsInWords() {
        String run = SETUP + "train { epochs 2; callback 'checkpoint', path: 'c.tensile', every: 1 }\n";
        assertThat(ScriptHarness.tensile("run", ScriptHarness.write(dir, "run.groovy", run).toString()).status()).isZero();
        String other = SETUP.replace("dense 8", "dense 12") + "train { epochs 4; resume 'c.tensile' }\n";
        assertThat(error("other.groovy", other)).isEqualTo("other.groovy:6: cannot resume from "
                + dir.resolve("c.tensile").toAbsolutePath() + ": its model (2 inputs, dense 8, tanh, output 3,"
                + " softmax (fused with cross-entropy), loss cross-entropy) is not the script's model { } (2 inputs,"
                + " dense 12, tanh, output 3, softmax (fused with cross-entropy), loss cross-entropy)")
                .doesNotContain("ModelSpec[");
    }

    @Test
    void crossValidateGivesEachFoldADevSetForEarlyStopping() {
        ScriptHarness.Result r = ScriptHarness.tensile("run", ScriptHarness.write(dir, "cv.groovy", SETUP
                + "train { optimizer 'adam', lr: 0.02; epochs 30; callback 'early-stopping', patience: 3 }\n"
                + "crossValidate folds: 3\n").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("crossValidate: each fold holds out 10% of its training part as its dev set")
                .contains("fold 3: accuracy").contains("cross-validation (3 folds): accuracy");
    }

    @Test
    void aPropertyInScientificNotationIsAWholeNumberOrSaysWhyNot() {
        Path script = ScriptHarness.write(dir, "p.groovy", "println \"epochs=${param('epochs', 20)}\"\n");
        assertThat(ScriptHarness.tensile("run", script.toString(), "-Pepochs=1e3").out()).contains("epochs=1000");
        ScriptHarness.Result big = ScriptHarness.tensile("run", script.toString(), "-Pepochs=1e10");
        assertThat(big.err().strip()).isEqualTo("p.groovy:1: -Pepochs=1e10 is too large (at most 2147483647)");
        ScriptHarness.Result half = ScriptHarness.tensile("run", script.toString(), "-Pepochs=2.5");
        assertThat(half.err().strip()).isEqualTo("p.groovy:1: -Pepochs=2.5 must be a whole number");
    }

    @Test
    void thePluginListingGivesL2sScaleAndItsConversions() {
        ScriptHarness.Result r = ScriptHarness.tensile("plugins");
        assertThat(r.out()).contains("lambda/(2m) * sum(w^2), m the batch size, biases excluded;"
                + " lambda = scikit-learn's alpha, = 2*m*k for Keras l2(k)");
    }
}
