package dev.tensile.spark;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.PluginKind;
import dev.tensile.train.TrainPlan;

/**
 * Executors rebuild the network and its training from plugin names, with the plugins they can load: built-ins and
 * jars. A plugin defined in the script is a Groovy closure of the driver's session, which cannot travel, so it is
 * refused before any job starts. (Callbacks run on the driver, so script-defined callbacks are fine.)
 */
final class PluginCheck {
    private final PluginRegistry registry;

    PluginCheck(PluginRegistry registry) {
        this.registry = registry;
    }

    void refuseScriptPlugins(ModelSpec spec, TrainPlan plan) {
        for (LayerSpec l : spec.layers()) {
            layer(l);
        }
        layer(spec.output());
        for (PluginRef r : plan.regularizers()) {
            check(PluginKind.REGULARIZER, r);
        }
        for (PluginRef a : plan.augmentations()) {
            check(PluginKind.AUGMENTATION, a);
        }
    }

    private void layer(LayerSpec l) {
        check(PluginKind.LAYER, l.layer());
        if (l.activation() != null) {
            check(PluginKind.ACTIVATION, l.activation());
        }
        if (l.init() != null) {
            check(PluginKind.INITIALIZER, l.init());
        }
    }

    private void check(PluginKind kind, PluginRef ref) {
        PluginEntry e = registry.entry(kind, ref.name());
        if (e != null && e.source().equals(PluginRegistry.SCRIPT)) {
            throw new PluginException(kind.label() + " '" + ref.name() + "' is defined in the script: a script's closures"
                    + " cannot travel to Spark executors. Put it in a plugin jar (see examples/third-party-plugin) and"
                    + " pass --plugins DIR, or train without distributed");
        }
    }
}
