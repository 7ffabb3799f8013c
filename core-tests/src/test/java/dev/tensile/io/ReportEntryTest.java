package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.eval.Diagnosis;
import dev.tensile.nn.PluginRef;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.train.Observations;
import dev.tensile.train.RunJournal;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.NetworkModel;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * The {@code report.json} entry: what a run observed (per-layer figures, the monitor's warnings, the last
 * evaluation and diagnosis) comes back from the file exactly, the file says format version 4 only when it has the
 * entry, and a damaged or misplaced entry is one error naming what is wrong.
 */
class ReportEntryTest {
    @TempDir
    Path dir;

    /** Trained with the gradient monitor every 3 steps (a low explodeStd, so it warns), then evaluated and diagnosed. */
    private static TensileModel observed() {
        TrainPlan plan = new TrainPlan(3, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(),
                List.of(new PluginRef("gradient-monitor", Map.of("every", 3, "explodeStd", 0.01))), List.of());
        TensileModel model = new TensileTrainer(Fixtures.SPEC, plan, Fixtures.REGISTRY, Fixtures.BUILDER)
                .fit(Fixtures.rings(120, 1), Fixtures.rings(30, 2), Map.of());
        Observations o = model.history().observations();
        o.evaluated(new RunJournal.Evaluation("the test set", List.of("outer", "inner", "middle"),
                new long[][] {{9, 1, 0}, {0, 10, 0}, {2, 0, 8}}, 0.9));
        o.diagnosed(new Diagnosis(0.01, 0.08, 0.1, 0.02));
        return model;
    }

    @Test
    void whatTheRunObservedComesBackExactly() throws Exception {
        TensileModel model = observed();
        Observations saved = model.history().observations();
        // 120 examples in batches of 16: 8 steps an epoch, 24 steps, sampled at 3, 6, ..., 24
        assertThat(saved.samples()).hasSize(8);
        assertThat(saved.samples().get(0).layers()).hasSize(6); // dense, relu, dropout, dense, tanh, output dense
        assertThat(saved.samples().get(0).layers().get(1).weightGradientNorm()).isNaN(); // relu has no weights
        assertThat(saved.warnings()).singleElement().satisfies(w -> assertThat(w.kind()).isEqualTo("explode"));

        Path file = dir.resolve("observed.tensile");
        ModelFiles.save(model, file, Fixtures.REGISTRY);
        Map<String, byte[]> entries = ModelFileEdits.entries(file);
        assertThat(entries).containsKey("report.json");
        assertThat(new String(entries.get("model.json"), StandardCharsets.UTF_8)).contains("\"formatVersion\" : 4");

        Observations back = ModelFiles.load(file, Fixtures.REGISTRY).history().observations();
        assertThat(back.samples()).isEqualTo(saved.samples()); // record equality: every double to the bit, NaN as NaN
        assertThat(back.warnings()).isEqualTo(saved.warnings());
        assertThat(back.diagnosis()).isEqualTo(saved.diagnosis());
        RunJournal.Evaluation e = back.evaluation();
        assertThat(e.dataset()).isEqualTo("the test set");
        assertThat(e.labels()).containsExactly("outer", "inner", "middle");
        assertThat(e.confusion()).isDeepEqualTo(saved.evaluation().confusion());
        assertThat(e.accuracy()).isEqualTo(0.9);

        // saved again, the same bytes: nothing in the entry depends on when or where it was written
        Path again = dir.resolve("again.tensile");
        NetworkModel<?> loaded = ModelFiles.load(file, Fixtures.REGISTRY);
        ModelFiles.save(loaded, again, Fixtures.REGISTRY);
        assertThat(ModelFileEdits.entries(again).get("report.json")).isEqualTo(entries.get("report.json"));
    }

    @Test
    void aModelThatObservedNothingIsWrittenAsVersion3() throws Exception {
        Path file = dir.resolve("plain.tensile");
        ModelFiles.save(Fixtures.trained(), file, Fixtures.REGISTRY);
        Map<String, byte[]> entries = ModelFileEdits.entries(file);
        assertThat(entries).doesNotContainKey("report.json");
        assertThat(new String(entries.get("model.json"), StandardCharsets.UTF_8)).contains("\"formatVersion\" : 3");
        assertThat(ModelFiles.load(file, Fixtures.REGISTRY).history().observations().isEmpty()).isTrue();
    }

    private Path withReport(String name, UnaryOperator<String> edit) throws Exception {
        Path file = dir.resolve("observed.tensile");
        ModelFiles.save(observed(), file, Fixtures.REGISTRY);
        return ModelFileEdits.rewrite(file, dir.resolve(name), entries -> {
            String json = new String(entries.get("report.json"), StandardCharsets.UTF_8);
            String edited = edit.apply(json);
            assertThat(edited).as("the edit changes the entry").isNotEqualTo(json);
            entries.put("report.json", edited.getBytes(StandardCharsets.UTF_8));
        });
    }

    private static void refused(Path file, String problem) {
        assertThatThrownBy(() -> ModelFiles.load(file, Fixtures.REGISTRY)).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": " + problem);
    }

    @Test
    void aDamagedOrMisplacedReportEntryIsOneError() throws Exception {
        Path v3 = ModelFileEdits.rewrite(withReport("unchanged.tensile", j -> j + " "), dir.resolve("v3.tensile"),
                entries -> entries.put("model.json", new String(entries.get("model.json"), StandardCharsets.UTF_8)
                        .replace("\"formatVersion\" : 4", "\"formatVersion\" : 3").getBytes(StandardCharsets.UTF_8)));
        refused(v3, "has a report.json entry, which format version 3 does not have");
        Path unknown = withReport("unknown.tensile", j -> j.replaceFirst("\\{", "{ \"secret\" : 1,"));
        assertThatThrownBy(() -> ModelFiles.load(unknown, Fixtures.REGISTRY)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(unknown + ": report.json is not a valid report: Unrecognized field \"secret\"")
                .satisfies(t -> assertThat(t.getMessage().lines()).hasSize(1));
        refused(withReport("short.tensile", j -> j.replaceFirst("\"mean\" : \\[ [^,]*,", "\"mean\" : [")),
                "report.json's sample at step 3 needs mean, std and grad with one figure per layer (6)");
        refused(withReport("negative.tensile", j -> j.replace("[ 9, 1, 0 ]", "[ 9, -1, 0 ]")),
                "report.json's confusion matrix holds a negative or missing count");
        refused(withReport("accuracy.tensile", j -> j.replace("\"accuracy\" : 0.9", "\"accuracy\" : 1.9")),
                "report.json's evaluation accuracy 1.9 is not in [0, 1]");
        refused(withReport("diagnosis.tensile", j -> j.replace("\"humanError\" : 0.01", "\"humanError\" : -0.01")),
                "report.json's diagnosis: humanError must be an error rate in [0, 1], got -0.01");
    }
}
