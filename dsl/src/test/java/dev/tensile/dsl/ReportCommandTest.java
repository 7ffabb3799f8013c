package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tensile report FILE}: the page a run wrote, rebuilt after the fact from a model file or a checkpoint. */
class ReportCommandTest {
    @TempDir
    Path dir;

    static JsonNode data(Path page) throws Exception {
        String html = Files.readString(page);
        int start = html.indexOf("const REPORT = ") + "const REPORT = ".length();
        return new ObjectMapper().readTree(html.substring(start, html.indexOf(";\n</script>", start)).replace("<\\/", "</"));
    }

    /** The sections a saved file's report must show as the live one did (status and write time differ). */
    private static final java.util.List<String> SECTIONS = java.util.List.of("epochs", "layers", "marks", "summary",
            "evaluation", "diagnosis");

    @Test
    void aSavedModelsReportShowsWhatTheLiveReportShowed() throws Exception {
        Path script = ScriptHarness.write(dir, "fit.groovy", "data {\n  train csv('"
                + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath() + "', response: 'arm')\n"
                + "  split test: 0.2, dev: 0.1, seed: 3\n  scale 'z-score'\n}\n" + """
                model {
                    input 2
                    dense 16, activation: 'tanh'
                    dropout 0.1
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.02
                    epochs 5
                    seed 9
                    callback 'report', path: 'live.html', every: 4, explodeStd: 0.5
                    callback 'checkpoint', path: 'run.tensile'
                }
                evaluate()
                diagnose humanError: 0.01
                save 'model.tensile'
                """);
        ScriptHarness.Result fit = ScriptHarness.tensile("run", script.toString());
        assertThat(fit.status()).as(fit.out() + fit.err()).isZero();

        ScriptHarness.Result r = ScriptHarness.tensile("report", dir.resolve("model.tensile").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("wrote the report of " + dir.resolve("model.tensile") + " to "
                + dir.resolve("model.report.html") + System.lineSeparator());
        JsonNode live = data(dir.resolve("live.html"));
        JsonNode saved = data(dir.resolve("model.report.html"));
        // the live page holds every section, with real content, so the comparison below compares something
        assertThat(live.get("epochs")).hasSize(5);
        assertThat(live.get("layers")).hasSize(4); // dense, tanh, dropout, output dense
        assertThat(live.get("layers").get(0).get("std").size()).isGreaterThan(5);
        assertThat(live.get("marks")).singleElement().satisfies(m -> {
            assertThat(m.get("kind").asText()).isEqualTo("explode");
            assertThat(m.get("epoch").asInt()).isEqualTo(1);
        });
        assertThat(live.get("evaluation").get("confusion")).hasSize(3);
        assertThat(live.get("evaluation").get("dataset").asText()).isEqualTo("the test set");
        assertThat(live.get("diagnosis").get("humanError").asDouble()).isEqualTo(0.01);
        for (String section : SECTIONS) {
            assertThat(saved.get(section)).as(section).isEqualTo(live.get(section));
        }
        assertThat(saved.get("provenance").get("seed").asText()).isEqualTo("9");
        assertThat(saved.get("provenance").get("plugins").asText()).contains("activation tanh");
        assertThat(saved.get("machine").get("kernel").asText()).isEqualTo(live.get("machine").get("kernel").asText().split(",")[0]);
        assertThat(saved.get("layerNote").asText()).isEmpty();

        // the checkpoint of the last epoch was written before evaluate() and diagnose: it holds the rest
        ScriptHarness.Result c = ScriptHarness.tensile("report", dir.resolve("run.tensile").toString(), "--out",
                dir.resolve("checkpoint.html").toString());
        assertThat(c.status()).as(c.err()).isZero();
        JsonNode checkpoint = data(dir.resolve("checkpoint.html"));
        for (String section : java.util.List.of("epochs", "layers", "marks", "summary")) {
            assertThat(checkpoint.get(section)).as(section).isEqualTo(live.get(section));
        }
        assertThat(checkpoint.get("evaluation")).isNull();
        assertThat(checkpoint.get("evaluationNote").asText()).startsWith("run.tensile holds no evaluation");
        assertThat(checkpoint.get("diagnosisNote").asText()).startsWith("run.tensile holds no diagnosis");

        // resumed for 3 more epochs: the new run's figures follow the checkpoint's, steps going on
        Path more = ScriptHarness.write(dir, "more.groovy", Files.readString(script).replace("epochs 5", "epochs 8")
                .replace("path: 'run.tensile'", "path: 'run8.tensile'").replace("path: 'live.html'", "path: 'live8.html'")
                .replace("evaluate()\n", "").replace("diagnose humanError: 0.01\n", "").replace("'model.tensile'", "'model8.tensile'"));
        ScriptHarness.Result resumed = ScriptHarness.tensile("run", more.toString(), "--resume", dir.resolve("run.tensile").toString());
        assertThat(resumed.status()).as(resumed.out() + resumed.err()).isZero();
        assertThat(ScriptHarness.tensile("report", dir.resolve("model8.tensile").toString()).status()).isZero();
        JsonNode after = data(dir.resolve("model8.report.html"));
        assertThat(after.get("epochs")).hasSize(8);
        JsonNode before = live.get("layers").get(0).get("std");
        JsonNode all = after.get("layers").get(0).get("std");
        assertThat(all.size()).isGreaterThan(before.size());
        for (int i = 0; i < before.size(); i++) {
            assertThat(all.get(i)).isEqualTo(before.get(i));
        }
        assertThat(all.get(before.size()).get(0).asInt()).isGreaterThan(before.get(before.size() - 1).get(0).asInt());
        assertThat(after.get("marks")).isEqualTo(live.get("marks")); // explode is warned once, at epoch 1
        assertThat(after.get("evaluation")).as("the evaluation was of the model before").isNull();
    }

    @Test
    void aFileWithoutReportDataSaysWhichSectionsItLacks() throws Exception {
        // no report callback, no evaluation: the file is what Tensiles of model format 3 wrote (no report.json)
        Path script = ScriptHarness.write(dir, "plain.groovy", "data {\n  train csv('"
                + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath() + "', response: 'arm')\n}\n" + """
                model {
                    input 2
                    dense 8, activation: 'relu'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    epochs 2
                }
                save 'plain.tensile'
                """);
        assertThat(ScriptHarness.tensile("run", script.toString()).status()).isZero();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(dir.resolve("plain.tensile").toFile())) {
            assertThat(zip.getEntry("report.json")).isNull();
            assertThat(new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes()))
                    .contains("\"formatVersion\" : 3");
        }
        ScriptHarness.Result r = ScriptHarness.tensile("report", dir.resolve("plain.tensile").toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode saved = data(dir.resolve("plain.report.html"));
        assertThat(saved.get("epochs")).hasSize(2);
        assertThat(saved.get("layers")).isEmpty();
        assertThat(saved.get("marks")).isEmpty();
        assertThat(saved.get("evaluation")).isNull();
        assertThat(saved.get("diagnosis")).isNull();
        assertThat(saved.get("layerNote").asText()).startsWith("plain.tensile holds no per-layer figures");
        assertThat(saved.get("evaluationNote").asText()).startsWith("plain.tensile holds no evaluation");
        assertThat(saved.get("diagnosisNote").asText()).startsWith("plain.tensile holds no diagnosis");
    }

    @Test
    void badFilesAreOneLine() throws Exception {
        ScriptHarness.Result missing = ScriptHarness.tensile("report", dir.resolve("none.tensile").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo(dir.resolve("none.tensile") + ": no such model file" + System.lineSeparator());

        Path text = ScriptHarness.write(dir, "notes.tensile", "not a model\n");
        ScriptHarness.Result bad = ScriptHarness.tensile("report", text.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err().lines()).hasSize(1).first().asString().startsWith(text + ": ");
        assertThat(dir.resolve("notes.report.html")).doesNotExist();
    }
}
