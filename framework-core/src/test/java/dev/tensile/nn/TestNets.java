package dev.tensile.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tensile.kernel.Gemm;
import dev.tensile.plugin.PluginRegistry;

/** Networks of the core's test layer, built by the real builder from the class path's plugins. */
public final class TestNets {
    public static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private TestNets() {
    }

    public static LayerSpec linear(int units, String activation) {
        return new LayerSpec(new PluginRef("linear", Map.of("units", units)),
                activation == null ? null : PluginRef.of(activation), null);
    }

    /** in -> hidden (relu) -> ... -> out (softmax, fused with cross-entropy), weights from {@code seed}. */
    public static Network mlp(Gemm gemm, long seed, int in, int out, int... hidden) {
        return new NetworkBuilder(REGISTRY, gemm).build(spec(in, out, hidden), seed).network();
    }

    public static ModelSpec spec(int in, int out, int... hidden) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int h : hidden) {
            layers.add(linear(h, "relu"));
        }
        return new ModelSpec(in, layers, linear(out, "softmax"), "cross-entropy");
    }
}
