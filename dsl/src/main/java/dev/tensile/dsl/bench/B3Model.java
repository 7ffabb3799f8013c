package dev.tensile.dsl.bench;

import java.util.List;
import java.util.Map;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.Shape;

/**
 * The network of B3 (BENCHMARKS.md) from the layer plugins: conv 32 3x3 same + relu, max-pool 2, conv 64 3x3 same +
 * relu, max-pool 2, flatten, dense 128 relu, dense 10 softmax with cross-entropy; He-normal weights, zero biases.
 */
final class B3Model {
    private B3Model() {
    }

    static ModelSpec spec() {
        PluginRef he = PluginRef.of("he-normal");
        PluginRef relu = PluginRef.of("relu");
        return new ModelSpec(Shape.of(28, 28, 1), List.of(
                new LayerSpec(new PluginRef("conv2d", Map.of("filters", 32, "kernel", 3, "padding", "same")), relu, he),
                LayerSpec.of(new PluginRef("max-pool", Map.of("size", 2))),
                new LayerSpec(new PluginRef("conv2d", Map.of("filters", 64, "kernel", 3, "padding", "same")), relu, he),
                LayerSpec.of(new PluginRef("max-pool", Map.of("size", 2))),
                LayerSpec.of(new PluginRef("flatten", Map.of())),
                new LayerSpec(new PluginRef("dense", Map.of("units", 128)), relu, he)),
                new LayerSpec(new PluginRef("dense", Map.of("units", 10)), PluginRef.of("softmax"), he), "cross-entropy");
    }
}
