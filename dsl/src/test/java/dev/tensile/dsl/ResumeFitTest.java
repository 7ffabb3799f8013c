package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.testing.ModelFileEdits;

/**
 * Issue 20 (resumes that don't fit their checkpoint) and issue 19 items 6 and 7 (overrides and the plan recorded
 * in checkpoints): every resume either continues at the right example with the settings it says, or is refused in
 * one line. Mid-epoch and hostile checkpoints are crafted from a real one with valid checksums.
 */
class ResumeFitTest {
    private static final Path SPIRALS = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath();

    @TempDir
    Path dir;
    Path script;
    Path atEpoch2;

    private static String script(Path csv) {
        return "data { train csv('" + csv + "', response: 'arm') }\n" + """
                model { input 2; dense 16, activation: 'relu'; output 3 }
                train {
                    optimizer 'adam', lr: param('lr', '0.01') as double
                    epochs param('epochs', '2') as int
                    batch param('batch', '32') as int
                    callback 'checkpoint', path: 'run.tensile'
                }
                """;
    }

    @BeforeEach
    void trainTwoEpochs() {
        script = ScriptHarness.write(dir, "fit.groovy", script(SPIRALS));
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.err()).isEmpty();
        atEpoch2 = dir.resolve("run.tensile");
    }

    /** The epoch-2 checkpoint, turned into one written after {@code steps} batches of epoch 3. */
    private Path midEpoch(int steps) throws IOException {
        return ModelFileEdits.editJson(atEpoch2, dir.resolve("mid" + steps + ".tensile"),
                j -> j.replaceFirst("\"stepInEpoch\" ?: ?0", "\"stepInEpoch\" : " + steps));
    }

    private ScriptHarness.Result resume(Path checkpoint, String... overrides) {
        String[] args = new String[3 + overrides.length];
        args[0] = "run";
        args[1] = script.toString();
        System.arraycopy(overrides, 0, args, 2, overrides.length);
        args[args.length - 1] = "--resume=" + checkpoint;
        return ScriptHarness.tensile(args);
    }

    @Test
    void aMidEpochCheckpointResumesAtTheSameExampleWithAnotherBatchSizeOrIsRefused() throws IOException {
        Path mid = midEpoch(4); // 4 batches of 32: examples 1-128 of epoch 3 are done
        ScriptHarness.Result doubled = resume(mid, "-Pepochs=3", "-Pbatch=64");
        assertThat(doubled.status()).as(doubled.err()).isZero();
        assertThat(doubled.out()).contains("resume: continuing epoch 3 at example 129 with batches of 64 (the checkpoint's run used 32)");

        for (String batch : new String[] {"48", "1000"}) {
            ScriptHarness.Result refused = resume(mid, "-Pepochs=3", "-Pbatch=" + batch);
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err().strip()).startsWith("fit.groovy:").contains("cannot resume from " + mid
                    + ": it stopped inside epoch 3 after 128 examples (4 batches of 32), which is not a whole number of the"
                    + " train { } block's batches of " + batch + "; resume with batch 32").doesNotContain("\n");
        }
    }

    @Test
    void aCraftedStepInEpochBeyondTheEpochIsRefused() throws IOException {
        Path crafted = midEpoch(1_000_000);
        ScriptHarness.Result r = resume(crafted, "-Pepochs=3");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).endsWith(crafted + ": checkpoint.stepInEpoch 1000000 is beyond an epoch of 600 examples");
        Path beyond = midEpoch(19); // 19 batches of 32 = 608 > 600
        assertThat(resume(beyond, "-Pepochs=3").err()).contains("checkpoint.stepInEpoch 19 batches of 32 is beyond an epoch of 600 examples");
    }

    @Test
    void dataWithOtherFeatureNamesIsRefused() throws IOException {
        Path renamed = dir.resolve("renamed.csv");
        String csv = Files.readString(SPIRALS);
        Files.writeString(renamed, "a,b,arm" + csv.substring(csv.indexOf('\n')));
        Path other = ScriptHarness.write(dir, "other.groovy", script(renamed));
        byte[] before = Files.readAllBytes(atEpoch2);
        ScriptHarness.Result r = ScriptHarness.tensile("run", other.toString(), "-Pepochs=4", "--resume", atEpoch2.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("other.groovy:3: cannot resume from " + atEpoch2
                + ": the training data has features the model does not know (a, b); the model's are x, y");
        assertThat(Files.readAllBytes(atEpoch2)).as("the checkpoint is not overwritten").isEqualTo(before);
    }

    @Test
    void settingsTheCheckpointFixesAndChangesSinceAreWarnedAbout() {
        ScriptHarness.Result r = resume(atEpoch2, "-Pepochs=3", "-Plr=0.1", "-Pbatch=64");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("warning: " + atEpoch2 + " fixes the optimizer's settings, so the run continues with"
                + " lr 0.01 (the script says 0.1); start afresh to use the script's")
                .contains("warning: this run differs from the one that wrote " + atEpoch2 + ": batch 32 -> 64, epochs 2 -> 3,"
                        + " -P overrides none -> -Pepochs=3 -Plr=0.1 -Pbatch=64");
        ScriptHarness.Result same = resume(dir.resolve("run.tensile"), "-Pepochs=3", "-Plr=0.1", "-Pbatch=64");
        assertThat(same.out()).as("the checkpoint just written records this run's plan and overrides")
                .doesNotContain("warning: this run differs");
    }

    @Test
    void anAbsurdBaseLearningRateIsRefused() throws IOException {
        Path crafted = ModelFileEdits.editJson(atEpoch2, dir.resolve("lr.tensile"),
                j -> j.replaceFirst("\"baseLearningRate\" ?: ?[0-9.eE-]+", "\"baseLearningRate\" : 1e300"));
        ScriptHarness.Result r = resume(crafted, "-Pepochs=3");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).endsWith("checkpoint.baseLearningRate must be a positive number up to 1000, not 1.0E300");
    }

    /**
     * Issue 19 item 7: early stopping's count of epochs without improvement survives a resume (before, it restarted
     * from zero), and the resumed model's provenance is the resumed run's plan and time.
     */
    @Test
    void earlyStoppingPatienceAndTheProvenanceCarryOverAResume() throws Exception {
        // train-loss with an absurd minDelta never improves after epoch 1: patience 3 stops at epoch 4
        String es = script(SPIRALS).replace("callback 'checkpoint', path: 'run.tensile'",
                "callback 'checkpoint', path: 'run.tensile'\n    callback 'early-stopping', monitor: 'train-loss',"
                        + " minDelta: 1e9, patience: 3, restoreBest: false") + "save 'final.tensile'\n";
        Path esScript = ScriptHarness.write(dir, "es.groovy", es);
        ScriptHarness.Result straight = ScriptHarness.tensile("run", esScript.toString(), "-Pepochs=10");
        assertThat(straight.err()).isEmpty();
        assertThat(straight.out()).contains("early-stopping: train-loss has not improved for 3 epochs");
        int straightEpochs = dev.tensile.io.ModelFiles.load(dir.resolve("final.tensile"),
                dev.tensile.plugin.PluginRegistry.discover()).history().epochs().size();
        assertThat(straightEpochs).isEqualTo(4);

        // the same run in two parts: 2 epochs, then resumed up to 10; patience must count epochs 2, 3, 4
        ScriptHarness.Result first = ScriptHarness.tensile("run", esScript.toString(), "-Pepochs=2");
        assertThat(first.err()).isEmpty();
        Path at2 = Files.copy(dir.resolve("run.tensile"), dir.resolve("es-at2.tensile"));
        java.time.Instant beforeResume = java.time.Instant.now();
        ScriptHarness.Result resumed = ScriptHarness.tensile("run", esScript.toString(), "-Pepochs=10", "--resume", at2.toString());
        assertThat(resumed.err()).isEmpty();
        assertThat(resumed.out()).contains("early-stopping: train-loss has not improved for 3 epochs");
        dev.tensile.tribuo.TensileModel m = dev.tensile.io.ModelFiles.load(dir.resolve("final.tensile"),
                dev.tensile.plugin.PluginRegistry.discover());
        assertThat(m.history().epochs()).hasSize(straightEpochs);
        String json;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(dir.resolve("final.tensile").toFile())) {
            json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(json).as("the resumed run's plan").contains("epochs=10").doesNotContain("epochs=2,");
        assertThat(m.getProvenance().getTrainingTime().toInstant()).isAfterOrEqualTo(beforeResume.minusSeconds(1));
    }
}
