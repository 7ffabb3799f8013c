package dev.tensile.nn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tensile.spi.PluginKind;

/**
 * The one walk over what a model uses: every plugin by kind and name, each once, in order of first use (each layer,
 * then its activation, then its initializer, the one an activation picks by default included). Model files list
 * these in their provenance; training adds its own ({@code train.TrainPlan#plugins}).
 */
public final class PluginUses {
    private PluginUses() {
    }

    /** One plugin a model or a run depends on. */
    public record Use(PluginKind kind, String name) {
        @Override
        public String toString() {
            return kind.label() + " " + name;
        }
    }

    /** The plugins of a planned model, in order. */
    public static List<Use> of(ModelPlan plan) {
        Set<Use> used = new LinkedHashSet<>();
        for (ModelPlan.Planned p : plan.layers()) {
            used.add(new Use(PluginKind.LAYER, p.spec().layer().name()));
            if (p.activation() != null) {
                used.add(new Use(PluginKind.ACTIVATION, p.activation().ref().name()));
            }
            if (p.init() != null) {
                used.add(new Use(PluginKind.INITIALIZER, p.init().name()));
            }
        }
        return new ArrayList<>(used);
    }
}
