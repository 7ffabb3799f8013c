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

    @Test
    void aSavedModelsReportHasTheEpochsAndProvenanceTheLiveReportHad() throws Exception {
        Path script = ScriptHarness.write(dir, "fit.groovy", "data {\n  train csv('"
                + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath() + "', response: 'arm')\n"
                + "  split test: 0.2, dev: 0.1, seed: 3\n  scale 'z-score'\n}\n" + """
                model {
                    input 2
                    dense 16, activation: 'tanh'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.02
                    epochs 5
                    seed 9
                    callback 'report', path: 'live.html'
                    callback 'checkpoint', path: 'run.tensile'
                }
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
        assertThat(saved.get("epochs")).hasSize(5).isEqualTo(live.get("epochs"));
        assertThat(saved.get("provenance").get("seed").asText()).isEqualTo("9");
        assertThat(saved.get("provenance").get("plugins").asText()).contains("activation tanh");
        assertThat(saved.get("machine").get("kernel").asText()).isEqualTo(live.get("machine").get("kernel").asText().split(",")[0]);
        assertThat(saved.get("summary")).isEqualTo(live.get("summary"));
        assertThat(saved.get("layers")).isEmpty();
        assertThat(saved.get("layerNote").asText()).contains("a model file does not hold them");

        ScriptHarness.Result c = ScriptHarness.tensile("report", dir.resolve("run.tensile").toString(), "--out",
                dir.resolve("checkpoint.html").toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(data(dir.resolve("checkpoint.html")).get("epochs")).isEqualTo(live.get("epochs"));
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
