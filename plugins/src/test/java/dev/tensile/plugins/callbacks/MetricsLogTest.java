package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.optim.Sgd;
import dev.tensile.train.History;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

class MetricsLogTest {
    @TempDir
    Path dir;

    private History run(Path file, String format) {
        return TrainingLoop.fit(Fixture.network(8, 1), Fixture.data(64, 1, false), Fixture.data(32, 2, false),
                new TrainingConfig(3, 16, 1, new Sgd(0.1), List.of(), List.of(),
                        List.of(Fixture.callback("metrics-log", Map.of("path", file.toString(), "format", format)))));
    }

    @Test
    void csvHasAHeaderAndOneRowPerEpochWithTheHistorysFigures() throws Exception {
        Path file = dir.resolve("logs/m.csv");
        History h = run(file, "auto");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("epoch,train_loss,train_accuracy,dev_loss,dev_accuracy,learning_rate,gradient_norm,seconds");
        assertThat(lines).hasSize(4);
        String[] row = lines.get(3).split(",");
        assertThat(Integer.parseInt(row[0])).isEqualTo(3);
        assertThat(Double.parseDouble(row[1])).isEqualTo(h.last().trainLoss());
        assertThat(Double.parseDouble(row[4])).isEqualTo(h.last().devAccuracy());
    }

    @Test
    void jsonLinesHoldOneObjectPerEpoch() throws Exception {
        Path file = dir.resolve("m.jsonl");
        History h = run(file, "auto");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        JsonNode last = new ObjectMapper().readTree(lines.get(2));
        assertThat(last.get("epoch").asInt()).isEqualTo(3);
        assertThat(last.get("dev_loss").asDouble()).isEqualTo(h.last().devLoss());
    }

    @Test
    void aPathIsRequired() {
        assertThatThrownBy(() -> Fixture.callback("metrics-log", Map.of())).hasMessage("metrics-log needs path: 'file.csv' (or .jsonl)");
    }
}
