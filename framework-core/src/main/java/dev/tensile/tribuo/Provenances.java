package dev.tensile.tribuo;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.tensile.nn.ModelPlan;
import dev.tensile.nn.PluginUses;
import dev.tensile.train.TrainPlan;

/** The plugin names a model depends on, for its provenance: "kind name" pairs, each once, in order of use. */
final class Provenances {
    private Provenances() {
    }

    static String plugins(ModelPlan model, TrainPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (PluginUses.Use u : PluginUses.of(model)) {
            out.add(u.toString());
        }
        out.add("loss " + model.loss().name());
        out.add("optimizer " + plan.optimizer().name());
        plan.regularizers().forEach(r -> out.add("regularizer " + r.name()));
        plan.augmentations().forEach(a -> out.add("augmentation " + a.name()));
        plan.callbacks().forEach(c -> out.add("callback " + c.name()));
        return String.join(", ", out);
    }
}
