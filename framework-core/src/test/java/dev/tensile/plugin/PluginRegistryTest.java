package dev.tensile.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.google.inject.AbstractModule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Shape;
import dev.tensile.spi.PluginKind;

class PluginRegistryTest {

    @Test
    void findsClassPathPluginsThroughServiceLoaderAndInjectsCoreServices() {
        PluginRegistry registry = PluginRegistry.discover();
        PluginEntry e = registry.entry(PluginKind.ACTIVATION, "clocked");
        assertThat(e).isNotNull();
        assertThat(e.source()).isEqualTo("built-in");
        ClockedActivation a = (ClockedActivation) registry.get(Activation.class, "clocked");
        assertThat(a.gemm).isNotNull();
        assertThat(a.clock).isNotNull();
    }

    @Test
    void layersAreTheSixthKindFoundTheSameWay() {
        PluginRegistry registry = PluginRegistry.discover();
        PluginEntry e = registry.entry(PluginKind.LAYER, "doubling");
        assertThat(e).isNotNull();
        assertThat(e.kind().label()).isEqualTo("layer");
        assertThat(registry.names(PluginKind.LAYER)).contains("doubling");
        Layer.Plan plan = registry.bind(Layer.class, "doubling", java.util.Map.of()).plugin()
                .plan(dev.tensile.spi.Params.none("doubling"), Shape.of(28, 28, 1));
        assertThat(plan.output()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(plan.ownRow()).isFalse();
        assertThat(PluginKind.labels()).isEqualTo("initializer, activation, regularizer, augmentation, callback, layer");
        assertThatThrownBy(() -> registry.get(Layer.class, "doublin"))
                .hasMessageStartingWith("unknown layer 'doublin'; did you mean 'doubling'?");
    }

    @Test
    void aUserModuleOverridesACoreBinding() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        PluginRegistry registry = PluginRegistry.discover(List.of(), List.of(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Clock.class).toInstance(fixed);
            }
        }));
        ClockedActivation a = (ClockedActivation) registry.get(Activation.class, "clocked");
        assertThat(a.clock).isSameAs(fixed);
    }

    @Test
    void unknownNameSuggestsTheClosestAndListsTheKind() {
        PluginRegistry registry = PluginRegistry.discover();
        assertThatThrownBy(() -> registry.get(Activation.class, "clockd"))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("unknown activation 'clockd'; did you mean 'clocked'?")
                .hasMessageContaining("(activations: ")
                .hasMessageContaining("clocked");
    }

    @Test
    void aCorruptJarIsReportedByNameAndSkipped(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("broken.jar");
        Files.write(bad, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        PluginRegistry registry = PluginRegistry.discover(List.of(dir), List.of());
        assertThat(registry.problems()).singleElement().asString()
                .startsWith("plugin jar " + bad + ": not a readable jar");
        assertThat(registry.get(Activation.class, "clocked")).isNotNull();
    }

    @Test
    void missingPluginFoldersAreIgnored(@TempDir Path dir) {
        PluginRegistry registry = PluginRegistry.discover(List.of(dir.resolve("nope")), List.of());
        assertThat(registry.problems()).isEmpty();
    }
}
