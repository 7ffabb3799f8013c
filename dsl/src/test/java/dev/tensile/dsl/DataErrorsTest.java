package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data is one line, FILE:LINE: message, naming the file, line, column, feature or label; exit status 1. */
class DataErrorsTest {
    @TempDir
    Path dir;

    private String error(String name, String script) {
        Path file = ScriptHarness.write(dir, name, script);
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        return r.err().strip();
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static final String GOOD = "x,y,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n";

    @Test
    void aNonNumericCellNamesFileLineAndColumn() throws IOException {
        Path f = csv("bad.csv", "x,y,label\n1,0,a\n0,abc,b\n");
        assertThat(error("cell.groovy", "data {\n  train csv('bad.csv', response: 'label')\n}\n"))
                .isEqualTo("cell.groovy:2: " + f + ":3: column 'y' is 'abc', not a number");
    }

    @Test
    void nanIsNamedByFileLineAndColumn() throws IOException {
        Path f = csv("nan.csv", "x,y,label\n1,0,a\n0,NaN,b\n");
        assertThat(error("nan.groovy", "data {\n  train csv('nan.csv', response: 'label')\n}\n"))
                .isEqualTo("nan.groovy:2: " + f + ":3: column 'y' is NaN");
    }

    @Test
    void anUnknownResponseColumnSuggestsTheClosest() throws IOException {
        Path f = csv("good.csv", GOOD);
        assertThat(error("resp.groovy", "data {\n  train csv('good.csv', response: 'lable')\n}\n"))
                .isEqualTo("resp.groovy:2: " + f + ": no column 'lable'; did you mean 'label'? (columns: x, y, label)");
    }

    @Test
    void aMissingIdxFileIsNamed() {
        assertThat(error("idx.groovy", "data {\n  train idx('imgs.gz', 'labels.gz')\n}\n"))
                .startsWith("idx.groovy:2: data file not found: ").endsWith("imgs.gz");
    }

    @Test
    void anIdxWidthOtherThanTheModelsInputIsNamed() throws IOException {
        DataScriptsTest.writeIdx(dir.resolve("i"), dir.resolve("l"), 10, 1);
        String msg = error("width.groovy", "data { train idx('i', 'l') }\nmodel { input 784; output 2 }\ntrain { epochs 1 }\n");
        // The IDX header says 16 (4 x 4), though pixel 15 is never lit and Tribuo's feature map holds only 15.
        assertThat(msg).isEqualTo("width.groovy:3: the model's input is 784 features but the training data has 16");
    }

    @Test
    void anUnknownScalingSuggestsTheClosest() throws IOException {
        csv("good.csv", GOOD);
        assertThat(error("scale.groovy", "data {\n  train csv('good.csv', response: 'label')\n  scale 'zscore'\n}\n"))
                .isEqualTo("scale.groovy:3: unknown scaling 'zscore'; did you mean 'z-score'? (scalings: none, min-max, z-score)");
    }

    @Test
    void resumingWithAnotherScalingThanTheCheckpointsIsRefused() throws IOException {
        csv("good.csv", GOOD);
        String run = "data { train csv('good.csv', response: 'label'); scale 'min-max' }\n"
                + "model { input 2; output 2 }\ntrain { epochs 2; callback 'checkpoint', path: 'run.tensile' }\n";
        Path first = ScriptHarness.write(dir, "first.groovy", run);
        assertThat(ScriptHarness.tensile("run", first.toString()).status()).isZero();
        Path ckpt = dir.resolve("run.tensile");
        assertThat(error("other.groovy", run.replace("'min-max'", "'z-score'").replace("epochs 2;", "epochs 3; resume 'run.tensile';")))
                .isEqualTo("other.groovy:3: cannot resume from " + ckpt + ": it was trained with scale 'min-max',"
                        + " the data { } block says 'z-score'");
    }

    @Test
    void diagnoseWithoutADevSetSaysWhatToAdd() throws IOException {
        csv("good.csv", GOOD);
        assertThat(error("diag.groovy", "data { train csv('good.csv', response: 'label') }\nmodel { input 2; output 2 }\n"
                + "train { epochs 1 }\ndiagnose humanError: 0.05\n"))
                .isEqualTo("diag.groovy:4: diagnose needs a dev set to measure variance: add dev 0.1 to data { }");
    }

    @Test
    void diagnoseWithoutAHumanErrorShowsHowToWriteIt() {
        assertThat(error("diag2.groovy", "diagnose()\n"))
                .isEqualTo("diag2.groovy:1: diagnose needs the human-level error rate, e.g. diagnose humanError: 0.05");
    }

    @Test
    void aHumanErrorOutsideZeroToOneIsRejected() throws IOException {
        csv("many.csv", "x,y,label\n" + (GOOD.substring(GOOD.indexOf('\n') + 1)).repeat(5));
        assertThat(error("diag3.groovy", "data { train csv('many.csv', response: 'label'); dev 0.2 }\nmodel { input 2; output 2 }\n"
                + "train { epochs 1 }\ndiagnose humanError: 5\n"))
                .isEqualTo("diag3.groovy:4: humanError must be an error rate in [0, 1], got 5.0");
    }
}
