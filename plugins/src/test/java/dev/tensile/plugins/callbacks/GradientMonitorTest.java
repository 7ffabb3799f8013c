package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.inject.AbstractModule;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Sgd;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.testing.Specs;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

/** The monitor on 100-layer stacks: loud when the signal explodes or vanishes, quiet when it is kept in range. */
class GradientMonitorTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PluginRegistry registry = PluginRegistry.discover(List.of(), List.of(new AbstractModule() {
        @Override
        protected void configure() {
            bind(PrintStream.class).toInstance(new PrintStream(printed, true, StandardCharsets.UTF_8));
        }
    }));

    private Network deep(String activation, PluginRef init) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            layers.add(Specs.dense(32, PluginRef.of(activation), init));
        }
        ModelSpec spec = new ModelSpec(6, layers, Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");
        return new NetworkBuilder(registry, GemmProvider.get()).build(spec, 7).network();
    }

    private void train(Network net) {
        TrainingLoop.fit(net, Fixture.data(64, 1, false), null, new TrainingConfig(2, 16, 1, new Sgd(1e-4), List.of(),
                List.of(), List.of(Fixture.callback(registry, "gradient-monitor", Map.of("every", 1)))));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warnsWhenStdOneWeightsMakeTheSignalExplode() {
        // identity layers with N(0, 1) weights: the std grows about sqrt(32) times per layer and overflows float32
        Network net = deep("identity", new PluginRef("normal", Map.of("std", 1.0)));
        assertThatThrownBy(() -> train(net)).isInstanceOf(NonFiniteException.class);
        assertThat(printed()).contains("gradient-monitor: exploding activations at step 1: layer ")
                .contains("he-normal for relu");
    }

    @Test
    void warnsWhenXavierWithReluLetsTheSignalVanish() {
        // xavier-uniform keeps variance for tanh; relu halves it every layer, so 100 layers shrink it by about 2^50
        train(deep("relu", PluginRef.of("xavier-uniform")));
        assertThat(printed()).contains("gradient-monitor: vanishing activations at step 1");
        assertThat(printed()).doesNotContain("exploding");
    }

    @Test
    void staysQuietWhenTheInitializerFitsTheActivation() {
        train(deep("relu", PluginRef.of("he-normal")));
        assertThat(printed()).doesNotContain("gradient-monitor:");
    }
}
