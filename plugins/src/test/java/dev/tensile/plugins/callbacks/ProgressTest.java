package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.inject.AbstractModule;

import org.junit.jupiter.api.Test;

import dev.tensile.optim.Sgd;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

class ProgressTest {

    private static String run(Map<String, ?> params) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PluginRegistry registry = PluginRegistry.discover(List.of(), List.of(new AbstractModule() {
            @Override
            protected void configure() {
                bind(PrintStream.class).toInstance(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            }
        }));
        TrainingLoop.fit(Fixture.network(8, 1), Fixture.data(64, 1, false), null, new TrainingConfig(4, 8, 1,
                new Sgd(0.1), List.of(), List.of(), List.of(Fixture.callback(registry, "progress", params))));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesWithoutATerminal() {
        String out = run(Map.of("every", 2, "bar", "off"));
        assertThat(out.lines()).hasSize(2);
        assertThat(out).startsWith("epoch 2: loss").contains("epoch 4: loss").doesNotContain("\r");
    }

    @Test
    void theBarShowsBatchLossRateAndEta() {
        String out = run(Map.of("bar", "on"));
        // the last redraw of each epoch shows the full bar
        assertThat(out).contains("\repoch 1/4 [========================] 8/8 loss ").contains(" samples/s | ETA 0:00");
        assertThat(out).contains("epoch 4: loss");
    }
}
