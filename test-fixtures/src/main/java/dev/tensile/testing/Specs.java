package dev.tensile.testing;

import java.util.Map;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.PluginRef;

/** Lines of model descriptions for tests, by the built-in layer plugins' names. */
public final class Specs {
    private Specs() {
    }

    /** {@code dense units, activation: act, init: init} (init null: the activation's preferred one). */
    public static LayerSpec dense(int units, PluginRef activation, PluginRef init) {
        return new LayerSpec(new PluginRef("dense", Map.of("units", units)), activation, init);
    }

    /** {@code dropout rate}. */
    public static LayerSpec dropout(double rate) {
        return LayerSpec.of(new PluginRef("dropout", Map.of("rate", rate)));
    }
}
