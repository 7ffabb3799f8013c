package dev.tensile.tribuo;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.nn.ModelPlan;
import dev.tensile.nn.PluginUses;
import dev.tensile.train.TrainPlan;

/** The plugin names a model depends on, for its provenance: "kind name" pairs, each once, in order of use. */
final class Provenances {
    private Provenances() {
    }

    /**
     * The plugins {@link PluginUses} lists (the same list a model file records), then the loss and the optimizer,
     * which are named parts of the engine rather than plugins.
     */
    static String plugins(List<PluginUses.Use> uses, ModelPlan model, TrainPlan plan) {
        List<String> out = new ArrayList<>();
        uses.forEach(u -> out.add(u.toString()));
        out.add("loss " + model.loss().name());
        out.add("optimizer " + plan.optimizer().name());
        return String.join(", ", out);
    }
}
