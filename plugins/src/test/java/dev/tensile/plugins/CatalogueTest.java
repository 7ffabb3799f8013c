package dev.tensile.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.plugin.ParamBinder;
import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Param;
import dev.tensile.spi.PluginKind;

/** Every built-in is found through its META-INF/services file, under its kind, and binds with its defaults. */
class CatalogueTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    @Test
    void everyBuiltInIsDiscoveredUnderItsKind() {
        assertThat(REGISTRY.problems()).isEmpty();
        assertThat(REGISTRY.names(PluginKind.INITIALIZER)).containsExactlyInAnyOrder("he-normal", "he-uniform",
                "xavier-uniform", "xavier-normal", "lecun-normal", "lecun-uniform", "orthogonal", "normal", "uniform",
                "zeros", "constant");
        assertThat(REGISTRY.names(PluginKind.ACTIVATION)).containsExactlyInAnyOrder("relu", "leaky-relu", "elu",
                "gelu", "silu", "softplus", "tanh", "sigmoid", "identity", "softmax");
        assertThat(REGISTRY.names(PluginKind.REGULARIZER)).containsExactlyInAnyOrder("l2", "l1", "elastic-net", "max-norm");
        assertThat(REGISTRY.names(PluginKind.LAYER)).containsExactlyInAnyOrder("dense", "dropout", "conv2d", "pool",
                "max-pool", "avg-pool", "global-avg-pool", "flatten", "batch-norm");
        assertThat(REGISTRY.names(PluginKind.AUGMENTATION)).containsExactlyInAnyOrder("gaussian-noise", "mixup",
                "flip-horizontal", "translate", "random-crop", "cutout", "rotate", "elastic-distortion");
        assertThat(REGISTRY.names(PluginKind.CALLBACK)).containsExactlyInAnyOrder("progress", "early-stopping",
                "reduce-lr-on-plateau", "timer", "gradient-monitor", "nan-guard", "metrics-log", "checkpoint", "report");
    }

    @Test
    void everyDefaultIsWithinItsOwnRangeAndEveryParameterIsDescribed() {
        for (PluginEntry e : REGISTRY.entries()) {
            for (Param p : e.plugin().parameters()) {
                assertThat(p.description()).as(e.name() + "." + p.name()).isNotBlank();
            }
            // binding no values validates nothing but yields the defaults; binding the defaults validates them
            Map<String, Object> defaults = ParamBinder.bind(e.plugin(), Map.of()).asMap();
            assertThat(ParamBinder.bind(e.plugin(), defaults).asMap()).as(e.name()).isEqualTo(defaults);
        }
    }
}
