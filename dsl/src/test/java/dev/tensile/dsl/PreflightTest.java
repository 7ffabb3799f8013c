package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 9: what used to be found only after training ran is said before the first epoch, at the script
 * line it comes from: a test set whose classes or columns do not fit the training data, and a save, checkpoint or
 * report file whose folder is missing, is a file, or is read-only.
 */
class PreflightTest {
    @TempDir
    Path dir;

    private static final String GOOD = "x,y,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n";
    private static final String MODEL = "model { input 2; output 2 }\n";

    /** Runs the script; it must fail with one line, and without having trained a single epoch. */
    private String error(String script) {
        Path file = ScriptHarness.write(dir, "s.groovy", script);
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.out()).doesNotContain("epoch 1");
        return r.err().strip();
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String data(String test) {
        return "data {\n  train csv('good.csv', response: 'label')\n  test " + test + "\n}\n";
    }

    @Test
    void aTestClassTheTrainingDataLacksIsSaidAtTheTestLine() throws IOException {
        Path train = csv("good.csv", GOOD);
        Path test = csv("test.csv", "x,y,label\n0,0,a\n1,1,c\n0,1,d\n");
        assertThat(error(data("csv('test.csv', response: 'label')") + MODEL + "train { epochs 1 }\nevaluate()\n"))
                .isEqualTo("s.groovy:3: the test set (" + test + ") has classes 'c', 'd', which the training data ("
                        + train + ") never has (its classes: a, b); a model predicts only the classes it was trained on");
    }

    @Test
    void testColumnsTheTrainingDataLacksOrMissesAreNamed() throws IOException {
        Path train = csv("good.csv", GOOD);
        Path wide = csv("wide.csv", "x,y,z,label\n0,0,1,a\n1,1,1,b\n");
        assertThat(error(data("csv('wide.csv', response: 'label')") + MODEL + "train { epochs 1 }\n"))
                .isEqualTo("s.groovy:3: the test set (" + wide + ") has column 'z', which the training data (" + train
                        + ") does not have");
        Path narrow = csv("narrow.csv", "x,label\n0,a\n1,b\n");
        assertThat(error(data("csv('narrow.csv', response: 'label')") + MODEL + "train { epochs 1 }\n"))
                .isEqualTo("s.groovy:3: the test set (" + narrow + ") lacks column 'y' of the training data (" + train
                        + ")");
    }

    @Test
    void theTestSetMayComeFirst() throws IOException {
        csv("good.csv", GOOD);
        Path test = csv("test.csv", "x,y,label\n0,0,c\n");
        assertThat(error("data {\n  test csv('test.csv', response: 'label')\n  train csv('good.csv', response: 'label')\n}\n"))
                .startsWith("s.groovy:3: the test set (" + test + ") has class 'c', which the training data");
    }

    @Test
    void aCheckpointFolderThatDoesNotExistIsSaidAtTheCallbackLine() throws IOException {
        csv("good.csv", GOOD);
        Path file = dir.resolve("runs/run.tensile");
        assertThat(error(data("csv('good.csv', response: 'label')") + MODEL
                + "train {\n  epochs 1\n  callback 'checkpoint', path: 'runs/run.tensile'\n}\n"))
                .isEqualTo("s.groovy:8: callback 'checkpoint': cannot write " + file + ": the folder " + file.getParent()
                        + " does not exist");
    }

    @Test
    void aFileWhereTheReportFolderShouldBeIsNamed() throws IOException {
        Path train = csv("good.csv", GOOD);
        assertThat(error(data("csv('good.csv', response: 'label')") + MODEL
                + "train {\n  callback 'report', path: 'good.csv/report.html'\n}\n"))
                .isEqualTo("s.groovy:7: callback 'report': cannot write " + train.resolve("report.html") + ": " + train
                        + " is a file, not a folder");
    }

    @Test
    void aReadOnlyCheckpointFolderIsSaidBeforeTraining() throws IOException {
        csv("good.csv", GOOD);
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root writes into any folder; then there is nothing to report
            assumeFalse(Files.isWritable(locked), "running as root: a read-only folder is writable");
            assertThat(error(data("csv('good.csv', response: 'label')") + MODEL
                    + "train { callback 'checkpoint', path: 'locked/run.tensile' }\n"))
                    .isEqualTo("s.groovy:6: callback 'checkpoint': cannot write " + locked.resolve("run.tensile")
                            + ": the folder " + locked + " is not writable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aLaterSaveThatCannotWriteIsSaidAtItsLineBeforeTraining() throws IOException {
        csv("good.csv", GOOD);
        Files.createDirectory(dir.resolve("model.tensile"));
        String script = "data { train csv('good.csv', response: 'label') }\n" + MODEL + "train { epochs 1 }\n"
                + "evaluate()\n";
        assertThat(error(script + "save 'out/model.tensile'\n")).isEqualTo("s.groovy:5: save 'out/model.tensile': cannot"
                + " write " + dir.resolve("out/model.tensile") + ": the folder " + dir.resolve("out") + " does not exist"
                + " (checked before training)");
        assertThat(error(script + "if (true) {\n  export 'model.tensile'\n}\n")).isEqualTo("s.groovy:6: export"
                + " 'model.tensile': cannot write " + dir.resolve("model.tensile") + ": a folder of that name exists"
                + " (checked before training)");
    }

    @Test
    void writableOutputsTrainAsBefore() throws IOException {
        csv("good.csv", GOOD);
        Files.createDirectory(dir.resolve("out"));
        Path script = ScriptHarness.write(dir, "ok.groovy", "data { train csv('good.csv', response: 'label') }\n" + MODEL
                + "train { epochs 1; callback 'checkpoint', path: 'out/run.tensile' }\nsave 'out/model.tensile'\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(dir.resolve("out/run.tensile")).isRegularFile();
        assertThat(dir.resolve("out/model.tensile")).isRegularFile();
    }
}
