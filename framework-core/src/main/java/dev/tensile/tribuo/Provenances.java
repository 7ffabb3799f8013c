package dev.tensile.tribuo;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.train.TrainPlan;

/** The plugin names a model depends on, for its provenance: "kind name" pairs, each once, in order of use. */
final class Provenances {
    private Provenances() {
    }

    static String plugins(ModelSpec spec, TrainPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (LayerSpec l : spec.layers()) {
            add(out, l);
        }
        add(out, spec.output());
        out.add("loss " + spec.loss());
        out.add("optimizer " + plan.optimizer().name());
        plan.regularizers().forEach(r -> out.add("regularizer " + r.name()));
        plan.augmentations().forEach(a -> out.add("augmentation " + a.name()));
        plan.callbacks().forEach(c -> out.add("callback " + c.name()));
        return String.join(", ", out);
    }

    private static void add(Set<String> out, LayerSpec l) {
        if (l instanceof LayerSpec.Dense d) {
            out.add("activation " + d.activation().name());
            PluginRef init = d.init();
            out.add("initializer " + (init == null ? "(preferred by " + d.activation().name() + ")" : init.name()));
        } else if (l instanceof LayerSpec.ActivationRegularizer ar) {
            out.add("regularizer " + ar.regularizer().name());
        }
    }
}
