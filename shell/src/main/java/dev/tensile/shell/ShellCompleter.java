package dev.tensile.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tensile.dsl.Keywords;
import dev.tensile.dsl.LayerKeywords;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Param;
import dev.tensile.spi.PluginKind;

/**
 * What Tab offers at the cursor: commands after a colon, inside the quotes after {@code activation:}, {@code loss:},
 * {@code scale}, {@code callback} and the other words of {@link Keywords#values} the names that word takes, a layer
 * keyword's parameters after {@code dense 64, }, the chosen plugin's parameter names after a comma, and otherwise DSL
 * keywords and the session's variables. File names after {@code :load} are left to JLine's file completer.
 */
final class ShellCompleter {
    static final List<String> COMMANDS = List.of(":help", ":load", ":plugins", ":summary", ":train", ":eval",
            ":diagnose", ":plot", ":save", ":export", ":reset", ":quit");

    private static final Pattern CHOSEN = Pattern.compile(
            "(activation:|init:|regularizer|layer|augment|callback|optimizer|schedule)\\s*['\"]([\\w-]+)['\"]");
    private static final Pattern STATEMENT_WORD = Pattern.compile("^\\s*([a-zA-Z]\\w*)");
    private static final Pattern WORD = Pattern.compile("[\\w-]*$");

    private final PluginRegistry registry;
    private final Supplier<Map<?, ?>> variables;
    private final LayerKeywords layers;
    private final List<String> keywords;
    private final Map<String, Supplier<List<String>>> values;
    /** One of the {@link #values} words, a quote, and the name typed so far: {@code scale 'mi}. */
    private final Pattern nameInQuotes;

    ShellCompleter(PluginRegistry registry, Supplier<Map<?, ?>> variables) {
        this.registry = registry;
        this.variables = variables;
        this.layers = LayerKeywords.of(registry);
        this.keywords = Keywords.all(registry);
        this.values = Keywords.values(registry);
        this.nameInQuotes = Pattern.compile("(?<![\\w-])(" + String.join("|", values.keySet().stream().map(Pattern::quote)
                .toList()) + ")\\s*['\"]([\\w-]*)$");
    }

    /** Candidates for the word that ends at the end of {@code beforeCursor}, sorted, each a whole word. */
    List<String> candidates(String beforeCursor) {
        String trimmed = beforeCursor.stripLeading();
        if (trimmed.startsWith(":") && !trimmed.contains(" ")) {
            return startingWith(COMMANDS, trimmed);
        }
        if (trimmed.startsWith(":plugins ")) {
            List<String> kinds = new ArrayList<>();
            for (PluginKind k : PluginKind.values()) {
                kinds.add(k.label());
            }
            return startingWith(kinds, current(beforeCursor));
        }
        Matcher m = nameInQuotes.matcher(beforeCursor);
        if (m.find()) {
            return startingWith(values.get(m.group(1)).get(), m.group(2));
        }
        String word = current(beforeCursor);
        String statement = lastStatement(beforeCursor.substring(0, beforeCursor.length() - word.length()));
        if (statement.matches(".*,\\s*$") || statement.matches(".*,\\s*[\\w]+:\\s*[^,]*,\\s*$")) {
            List<String> params = parametersOfChosen(statement);
            if (!params.isEmpty()) {
                return startingWith(params, word);
            }
        }
        List<String> all = new ArrayList<>(keywords);
        for (Object k : variables.get().keySet()) {
            String name = k.toString();
            if (!name.startsWith("tensile")) {
                all.add(name);
            }
        }
        return startingWith(all, word);
    }

    /** Parameter names (as {@code name:}) of the last plugin named in the statement. */
    private List<String> parametersOfChosen(String statement) {
        Matcher m = CHOSEN.matcher(statement);
        String keyword = null;
        String name = null;
        while (m.find()) {
            keyword = m.group(1);
            name = m.group(2);
        }
        if (name == null) {
            return layerKeywordParameters(statement);
        }
        if ("layer".equals(keyword)) {
            return layerParameters(name);
        }
        List<String> out = new ArrayList<>();
        for (Param p : Keywords.parameters(registry, keyword, name)) {
            out.add(p.name() + ":");
        }
        if ("activation:".equals(keyword)) {
            out.add("init:");
        }
        return out;
    }

    /** After {@code dense 64, }: the layer plugin's parameters, then the engine's activation: and init:. */
    private List<String> layerKeywordParameters(String statement) {
        Matcher m = STATEMENT_WORD.matcher(statement);
        if (!m.find()) {
            return List.of();
        }
        LayerKeywords.Row row = layers.row(m.group(1));
        return row == null ? List.of() : layerParameters(row.plugin());
    }

    private List<String> layerParameters(String plugin) {
        List<String> out = new ArrayList<>();
        for (Param p : registry.parameters(PluginKind.LAYER, plugin)) {
            out.add(p.name() + ":");
        }
        out.add("activation:");
        out.add("init:");
        return out;
    }

    private static String current(String s) {
        Matcher m = WORD.matcher(s);
        return m.find() ? m.group() : "";
    }

    private static String lastStatement(String s) {
        int cut = Math.max(Math.max(s.lastIndexOf(';'), s.lastIndexOf('{')), s.lastIndexOf('\n'));
        return s.substring(cut + 1);
    }

    private static List<String> startingWith(List<String> options, String prefix) {
        TreeSet<String> out = new TreeSet<>();
        for (String o : options) {
            if (o.startsWith(prefix)) {
                out.add(o);
            }
        }
        return new ArrayList<>(out);
    }
}
