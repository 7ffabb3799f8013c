package dev.tensile.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.inject.AbstractModule;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.PluginKind;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.testing.Specs;
import dev.tensile.spi.EpochLog;
import dev.tensile.train.History;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingLoop;

/** One built-in plugin of each kind, found through META-INF/services and used together in a real training run. */
class FiveKindsTrainingTest {

    @Test
    void eachKindIsDiscoveredAndTheLossGoesDown() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
        PluginRegistry registry = PluginRegistry.discover(List.of(), List.of(new AbstractModule() {
            @Override
            protected void configure() {
                bind(PrintStream.class).toInstance(console);
            }
        }));
        for (var kindAndName : Map.of(PluginKind.INITIALIZER, "he-normal", PluginKind.ACTIVATION, "relu",
                PluginKind.REGULARIZER, "l2", PluginKind.AUGMENTATION, "gaussian-noise",
                PluginKind.CALLBACK, "progress").entrySet()) {
            PluginEntry e = registry.entry(kindAndName.getKey(), kindAndName.getValue());
            assertThat(e).as(kindAndName.getValue()).isNotNull();
            assertThat(e.source()).isEqualTo("built-in");
        }

        ModelSpec spec = new ModelSpec(2, List.of(
                Specs.dense(32, PluginRef.of("relu"), PluginRef.of("he-normal")),
                Specs.dropout(0.1)),
                Specs.dense(2, PluginRef.of("softmax"), null), "cross-entropy");
        TrainPlan plan = new TrainPlan(30, 16, 5, new PluginRef("adam", Map.of("lr", 0.01)),
                List.of(new PluginRef("l2", Map.of("lambda", 1e-3))),
                List.of(new PluginRef("gaussian-noise", Map.of("std", 0.05))),
                List.of(PluginRef.of("progress")), List.of());
        NetworkBuilder.Built built = new NetworkBuilder(registry, GemmProvider.get()).build(spec, 5);
        History h = TrainingLoop.fit(built.network(), circles(400, 11), circles(200, 12), plan.bind(registry));

        List<EpochLog> epochs = h.epochs();
        assertThat(epochs).hasSize(30);
        assertThat(epochs.get(29).trainLoss()).isLessThan(epochs.get(0).trainLoss() * 0.5);
        assertThat(epochs.get(29).devAccuracy()).isGreaterThan(0.9);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("epoch 30: loss");
    }

    /** Points inside or outside a circle of radius 0.7: not linearly separable. */
    static LabeledData circles(int n, long seed) {
        Rng rng = new Rng(seed);
        Matrix x = new Matrix(n, 2);
        Matrix y = new Matrix(n, 2);
        for (int i = 0; i < n; i++) {
            double a = rng.uniform(-1, 1);
            double b = rng.uniform(-1, 1);
            x.set(i, 0, (float) a);
            x.set(i, 1, (float) b);
            y.set(i, a * a + b * b < 0.49 ? 0 : 1, 1f);
        }
        return new LabeledData(x, y);
    }
}
