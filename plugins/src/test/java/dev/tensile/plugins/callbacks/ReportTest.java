package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.eval.Diagnosis;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Sgd;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.testing.Specs;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.RunJournal;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

/** The report callback: rewritten every epoch, the monitor's warnings marked, the journal's events added after training. */
class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PluginRegistry registry = PluginRegistry.discover(List.of(), List.of(new AbstractModule() {
        @Override
        protected void configure() {
            bind(PrintStream.class).toInstance(new PrintStream(printed, true, StandardCharsets.UTF_8));
        }
    }));
    private final RunJournal journal = registry.injector().getInstance(RunJournal.class);

    /** The data object a page was written with. */
    static JsonNode data(Path page) {
        try {
            String html = Files.readString(page);
            int start = html.indexOf("const REPORT = ") + "const REPORT = ".length();
            return JSON.readTree(html.substring(start, html.indexOf(";\n</script>", start)).replace("<\\/", "</"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void train(Network net, int epochs, Callback.Listener... listeners) {
        TrainingLoop.fit(net, Fixture.data(96, 1, false), Fixture.data(32, 2, false), new TrainingConfig(epochs, 16, 1,
                new Sgd(0.05), List.of(), List.of(), List.of(listeners)));
    }

    @Test
    void thePageIsRewrittenAtEveryEpochWithTheEpochsSoFar(@TempDir Path dir) throws IOException {
        journal.setFolder(dir);
        journal.begin(new RunJournal.Run(Map.of("seed", "1", "epochs", "4"),
                List.of(new RunJournal.SummaryLine("layer 1 (dense 8)", 8, 56, "he-normal")), List.of()));
        List<Integer> seen = new ArrayList<>();
        Callback.Listener reader = new Callback.Listener() {
            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                JsonNode d = data(dir.resolve("run.html"));
                seen.add(d.get("epochs").size());
                assertThat(d.get("live").asBoolean()).isTrue();
                assertThat(d.get("epochs").get(log.epoch() - 1).get("devLoss").asDouble()).isEqualTo(log.devLoss());
            }
        };
        train(Fixture.network(8, 3), 4, Fixture.callback(registry, "report",
                Map.of("path", "run.html", "every", 2, "minSeconds", 0)), reader);
        assertThat(seen).containsExactly(1, 2, 3, 4);
        JsonNode d = data(dir.resolve("run.html"));
        assertThat(d.get("live").asBoolean()).isFalse();
        assertThat(d.get("status").asText()).isEqualTo("finished after 4 epochs");
        assertThat(d.get("provenance").get("seed").asText()).isEqualTo("1");
        assertThat(d.get("summary").get(0).get("parameters").asLong()).isEqualTo(56);
        assertThat(d.get("machine").get("kernel").asText()).isNotEmpty();
        // 96 examples in batches of 16: 6 steps an epoch, 24 in all, a sample every 2 steps, for every layer
        JsonNode layers = d.get("layers");
        assertThat(layers).hasSize(3);
        assertThat(layers.get(0).get("name").asText()).isEqualTo("layer 1 (dense 8)");
        assertThat(layers.get(0).get("std")).hasSize(12);
        assertThat(layers.get(0).get("std").get(11).get(0).asInt()).isEqualTo(24);
        assertThat(layers.get(0).get("grad").get(0).get(1).asDouble()).isPositive();
        assertThat(layers.get(1).get("grad").get(0).get(1).isNull()).as("relu has no weights").isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("run.html"); // no temporary left
        }
    }

    @Test
    void evaluationAndDiagnosisAfterTrainingAreAddedAndANewRunDetachesTheReport(@TempDir Path dir) {
        journal.setFolder(dir);
        journal.begin(new RunJournal.Run(Map.of(), List.of(), List.of()));
        train(Fixture.network(8, 3), 1, Fixture.callback(registry, "report", Map.of("path", "run.html")));
        journal.evaluated(new RunJournal.Evaluation("the test set", List.of("a", "b"), new long[][] {{5, 1}, {2, 7}}, 0.8));
        journal.diagnosed(Diagnosis.of(0.05, 0.20, 0.22));
        JsonNode d = data(dir.resolve("run.html"));
        assertThat(d.get("evaluation").get("confusion").get(1).get(0).asLong()).isEqualTo(2);
        assertThat(d.get("diagnosis").get("problem").asText()).isEqualTo("high bias (underfitting)");
        journal.begin(new RunJournal.Run(Map.of(), List.of(), List.of()));
        journal.evaluated(new RunJournal.Evaluation("the dev set", List.of("a", "b"), new long[][] {{9, 9}, {9, 9}}, 0.5));
        assertThat(data(dir.resolve("run.html")).get("evaluation").get("dataset").asText()).isEqualTo("the test set");
    }

    @Test
    void theMonitorsWarningIsMarkedAtTheStepItFired(@TempDir Path dir) {
        journal.setFolder(dir);
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            layers.add(Specs.dense(32, PluginRef.of("identity"), new PluginRef("normal", Map.of("std", 1.0))));
        }
        Network net = new NetworkBuilder(registry, GemmProvider.get()).build(new ModelSpec(6, layers,
                Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy"), 7).network();
        assertThatThrownBy(() -> TrainingLoop.fit(net, Fixture.data(64, 1, false), null, new TrainingConfig(2, 16, 1,
                new Sgd(1e-4), List.of(), List.of(), List.of(
                        Fixture.callback(registry, "gradient-monitor", Map.of("every", 1)),
                        Fixture.callback(registry, "report", Map.of("path", "boom.html", "every", 1))))))
                .isInstanceOf(NonFiniteException.class);
        JsonNode d = data(dir.resolve("boom.html"));
        JsonNode mark = d.get("marks").get(0);
        assertThat(mark.get("kind").asText()).isEqualTo("explode");
        assertThat(mark.get("step").asInt()).isEqualTo(1);
        // the very line the monitor printed
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("gradient-monitor: " + mark.get("message").asText());
        assertThat(d.get("status").asText()).startsWith("stopped: ");
        assertThat(d.get("live").asBoolean()).isFalse();
    }

    @Test
    void aFolderThatDoesNotExistIsOneLineNamingTheReport(@TempDir Path dir) {
        journal.setFolder(dir);
        Callback.Listener report = Fixture.callback(registry, "report", Map.of("path", "missing/run.html"));
        assertThatThrownBy(() -> train(Fixture.network(4, 1), 1, report))
                .isInstanceOf(PluginException.class)
                .hasMessage("report: cannot write the report " + dir.resolve("missing/run.html") + ": the folder "
                        + dir.resolve("missing") + " does not exist");
        assertThatThrownBy(() -> Fixture.callback(registry, "report", Map.of("path", " ")))
                .hasMessageContaining("report needs a path");
    }
}
