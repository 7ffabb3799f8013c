package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Layer;
import dev.tensile.spi.PluginKind;

/**
 * The one table from the words of a {@code model { }} block to layer plugins: the block's own words ({@code input},
 * {@code layer}, {@code output}) and every keyword a layer plugin registers ({@code dense}, {@code dropout}, a jar's
 * own). The block dispatches through it, and completion and the README's keyword table are made from it. A plugin
 * keyword that is one of the block's words or another plugin's keyword is left out, with a problem line saying so;
 * that layer stays reachable as {@code layer 'name'}.
 */
public final class LayerKeywords {
    /** The block's own words. {@code output} adds the output layer: the {@code dense} plugin with a loss. */
    static final List<String> BLOCK_WORDS = List.of("input", "layer", "output");
    /** The layer plugin behind {@code output N}, and the activation it gets when the script names none. */
    static final String OUTPUT_PLUGIN = "dense";
    static final String OUTPUT_ACTIVATION = "softmax";

    /**
     * One row: a keyword and the layer plugin it adds.
     *
     * @param positional        the parameter the keyword's unnamed argument sets, or null
     * @param defaultActivation the activation when the script names none, or null
     */
    public record Row(String keyword, String plugin, String positional, String defaultActivation) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private LayerKeywords() {
    }

    public static LayerKeywords of(PluginRegistry registry) {
        LayerKeywords t = new LayerKeywords();
        // only layer plugins are built here: jar plugins of other kinds stay unbuilt until a script names one
        for (String name : registry.names(PluginKind.LAYER)) {
            PluginEntry e = registry.entry(PluginKind.LAYER, name);
            Layer l = (Layer) e.plugin();
            if (l.keyword() == null) {
                continue;
            }
            String word = l.keyword();
            Row clash = t.rows.get(word);
            if (BLOCK_WORDS.contains(word) || !word.matches("[a-z][A-Za-z0-9]*")) {
                t.problems.add("layer '" + e.name() + "' (" + e.source() + "): its keyword '" + word
                        + "' is not available; use layer '" + e.name() + "'");
            } else if (clash != null) {
                t.problems.add("layer '" + e.name() + "' (" + e.source() + "): its keyword '" + word + "' is already layer '"
                        + clash.plugin() + "''s; use layer '" + e.name() + "'");
            } else {
                t.rows.put(word, new Row(word, e.name(), l.positional(), l.defaultActivation()));
            }
        }
        return t;
    }

    /** The row of a plugin keyword, or null. */
    public Row row(String keyword) {
        return rows.get(keyword);
    }

    /** Every plugin keyword, in discovery order. */
    public List<String> pluginKeywords() {
        return List.copyOf(rows.keySet());
    }

    /** Every word of the block: its own, then the plugins'. */
    public List<String> words() {
        List<String> all = new ArrayList<>(BLOCK_WORDS.subList(0, 2));
        all.addAll(rows.keySet());
        all.add("output");
        return all;
    }

    /** Keywords left out, one line each. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /**
     * The README's row for {@code model { }}: the block's words with what they take, the plugin keywords with their
     * unnamed argument. README.md holds exactly this text (a test checks it).
     */
    public String readmeRow() {
        StringBuilder sb = new StringBuilder("| `model { }` | `input N` or `input H, W, C`");
        for (Row r : rows.values()) {
            sb.append(", `").append(r.keyword());
            if (r.positional() != null) {
                sb.append(' ').append(r.positional().toUpperCase(java.util.Locale.ROOT));
            }
            sb.append(", <params>`");
        }
        sb.append(", `layer NAME, <params>` (any layer plugin), `output N, activation: NAME, loss: LOSS`"
                + " (`'cross-entropy'` with softmax, `'binary-cross-entropy'` with sigmoid, both fused and computed"
                + " from logits; `output 1, activation: 'sigmoid', loss: 'binary-cross-entropy'` tells two classes apart"
                + " and predicts both classes' probabilities; `'mse'` with identity). Any layer takes `activation: NAME` (dense gets relu when it names"
                + " none), a layer with weights `init: NAME or [name: NAME, param: v]`; other named arguments go to the"
                + " layer plugin, the rest to its activation |");
        return sb.toString();
    }
}
