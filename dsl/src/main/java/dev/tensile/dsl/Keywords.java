package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.plugin.PluginRegistry;

/**
 * Every word the DSL knows, for completion: the top-level actions, each block's keywords (the model block's from
 * the {@link LayerKeywords} table, so a jar's layer keyword completes too), the named arguments.
 */
public final class Keywords {
    private Keywords() {
    }

    public static List<String> all(PluginRegistry registry) {
        List<String> all = new ArrayList<>(TensileScript.ACTIONS);
        all.addAll(DataBlock.KEYWORDS);
        all.addAll(LayerKeywords.of(registry).words());
        all.addAll(TrainBlock.KEYWORDS);
        all.addAll(List.of("activation:", "init:", "loss:"));
        return all.stream().distinct().toList();
    }
}
