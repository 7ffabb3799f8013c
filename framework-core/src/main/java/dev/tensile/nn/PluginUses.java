package dev.tensile.nn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.tensile.spi.PluginKind;

/**
 * The one walk over what a model and its training use: every plugin by kind and name, each once, in order of first
 * use: each layer, then its activation, then its initializer (the one an activation picks by default included), then
 * the training's regularizers, augmentations and callbacks. Model files list these with their versions
 * ({@code io.ModelWriter}) and the Tribuo provenance names them ({@code tribuo.Provenances}); both take this list
 * from the model ({@code NetworkModel#pluginUses}), so the two never disagree. The loss and the optimizer are not
 * plugins (no jar provides them) and are not listed.
 */
public final class PluginUses {
    private PluginUses() {
    }

    /** One plugin a model or a run depends on. */
    public record Use(PluginKind kind, String name) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return kind.label() + " " + name;
        }
    }

    /** The plugins of a planned model, in order: what a model uses when nothing is known of its training. */
    public static List<Use> of(ModelPlan plan) {
        return of(plan, List.of(), List.of(), List.of());
    }

    /** The plugins of a planned model and of the training that made it (the plugins a script named), in order. */
    public static List<Use> of(ModelPlan plan, List<PluginRef> regularizers, List<PluginRef> augmentations,
                               List<PluginRef> callbacks) {
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
        regularizers.forEach(r -> used.add(new Use(PluginKind.REGULARIZER, r.name())));
        augmentations.forEach(a -> used.add(new Use(PluginKind.AUGMENTATION, a.name())));
        callbacks.forEach(c -> used.add(new Use(PluginKind.CALLBACK, c.name())));
        return List.copyOf(used);
    }
}
