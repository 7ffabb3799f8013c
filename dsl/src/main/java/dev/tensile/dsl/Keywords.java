package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.tensile.data.Scaling;
import dev.tensile.nn.Losses;
import dev.tensile.optim.Optimizers;
import dev.tensile.optim.Schedule;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.PluginKind;

/**
 * Every word the DSL knows, for completion and the IDE descriptors: the top-level actions, each block's keywords (the
 * model block's from the {@link LayerKeywords} table, so a jar's layer keyword completes too), the named arguments,
 * and the words whose quoted value is one of a known list ({@code activation: 'relu'}, {@code scale 'min-max'}).
 */
public final class Keywords {
    /** The engine's named arguments of a layer keyword (besides the layer plugin's own parameters). */
    public static final List<String> LAYER_ARGUMENTS = List.of("activation", "init");

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

    /**
     * The words (a keyword, or a named argument with its colon) whose quoted value names one of a list, and that
     * list. Lists of plugins are read when asked for, so a plugin jar is only built when its kind is completed.
     */
    public static Map<String, Supplier<List<String>>> values(PluginRegistry registry) {
        Map<String, Supplier<List<String>>> m = new LinkedHashMap<>();
        m.put("activation:", () -> registry.names(PluginKind.ACTIVATION));
        m.put("init:", () -> registry.names(PluginKind.INITIALIZER));
        m.put("loss:", () -> Losses.NAMES);
        m.put("layer", () -> registry.names(PluginKind.LAYER));
        m.put("optimizer", Optimizers::names);
        m.put("schedule", Schedule.Specs::names);
        m.put("regularizer", () -> registry.names(PluginKind.REGULARIZER));
        m.put("augment", () -> registry.names(PluginKind.AUGMENTATION));
        m.put("callback", () -> registry.names(PluginKind.CALLBACK));
        m.put("scale", Scaling.Kind::labels);
        m.put("task:", () -> DataBlock.TASKS);
        m.put("plot", () -> PlotAction.KINDS);
        return m;
    }
}
