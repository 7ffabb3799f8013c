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
import dev.tensile.spi.Param;
import dev.tensile.spi.PluginKind;

/**
 * Every word the DSL knows, for shell completion and the IDE descriptors ({@code dev.tensile.dsl.ide}): the
 * top-level actions and each block's keywords (the model block's from the {@link LayerKeywords} table, so a jar's
 * layer keyword is there too), the words whose quoted value is one of a known list ({@code activation: 'relu'},
 * {@code scale 'min-max'}), and the parameters of what such a value picks.
 */
public final class Keywords {
    /** The engine's named arguments of a layer keyword (besides the layer plugin's own parameters). */
    public static final List<String> LAYER_ARGUMENTS = List.of("activation", "init");

    /**
     * The words of one block and the class whose public methods implement them ({@code model}'s plugin keywords
     * have no method: {@link LayerKeywords} dispatches them).
     *
     * @param name "" for the script's top level, else the block's word ({@code data}, {@code model}, {@code train})
     */
    public record Block(String name, Class<?> type, List<String> words) {
    }

    private Keywords() {
    }

    /** The top level and each block, in the order a script writes them. */
    public static List<Block> blocks(PluginRegistry registry) {
        return List.of(new Block("", TensileScript.class, TensileScript.ACTIONS),
                new Block("data", DataBlock.class, DataBlock.KEYWORDS),
                new Block("model", ModelBlock.class, LayerKeywords.of(registry).words()),
                new Block("train", TrainBlock.class, TrainBlock.KEYWORDS));
    }

    public static List<String> all(PluginRegistry registry) {
        List<String> all = new ArrayList<>();
        blocks(registry).forEach(b -> all.addAll(b.words()));
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

    /**
     * The parameters of what {@code word} picks by {@code name} ({@code regularizer 'l2'}: lambda); none when the
     * word picks nothing with parameters or the name is unknown.
     */
    public static List<Param> parameters(PluginRegistry registry, String word, String name) {
        return switch (word) {
            case "activation:" -> registry.parameters(PluginKind.ACTIVATION, name);
            case "init:" -> registry.parameters(PluginKind.INITIALIZER, name);
            case "layer" -> registry.parameters(PluginKind.LAYER, name);
            case "regularizer" -> registry.parameters(PluginKind.REGULARIZER, name);
            case "augment" -> registry.parameters(PluginKind.AUGMENTATION, name);
            case "callback" -> registry.parameters(PluginKind.CALLBACK, name);
            case "optimizer" -> Optimizers.parameters(name);
            case "schedule" -> Schedule.Specs.parameters(name);
            default -> List.of();
        };
    }
}
