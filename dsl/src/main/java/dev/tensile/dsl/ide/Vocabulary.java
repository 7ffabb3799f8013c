package dev.tensile.dsl.ide;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import groovy.transform.NamedParam;

import dev.tensile.dsl.Keywords;
import dev.tensile.dsl.LayerKeywords;
import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Param;
import dev.tensile.spi.PluginKind;

/**
 * Every word a script can write, with its arguments, gathered from the DSL's own sources: the block tables of
 * {@link Keywords}, the public methods that implement them (positional parameters by name and type, named ones from
 * their {@link NamedParam} annotations), the {@link LayerKeywords} table for the model block's plugin keywords, and
 * the plugin registry for what a quoted name picks ({@code regularizer 'l2', lambda: ...}). Nothing here is a list of
 * its own: a new keyword, plugin or parameter shows up by itself.
 */
public final class Vocabulary {
    /** One argument: its name, its Java type (as a GDSL type name) and a line of help. */
    public record Arg(String name, String type, String doc) {
    }

    /** One way to call a word: positional arguments, named ones, help. */
    public record Word(String name, List<Arg> positional, List<Arg> named, String doc) {
    }

    /** The words of one block ({@code ""}: the script's top level). */
    public record Scope(String block, List<Word> words) {
    }

    private final PluginRegistry registry;
    private final Map<String, Supplier<List<String>>> values;

    private Vocabulary(PluginRegistry registry) {
        this.registry = registry;
        this.values = Keywords.values(registry);
    }

    /** The top level and each block's words, with the plugins {@code registry} holds. */
    public static List<Scope> of(PluginRegistry registry) {
        Vocabulary v = new Vocabulary(registry);
        LayerKeywords layers = LayerKeywords.of(registry);
        List<Scope> scopes = new ArrayList<>();
        for (Keywords.Block b : Keywords.blocks(registry)) {
            List<Word> words = new ArrayList<>();
            for (String word : b.words()) {
                LayerKeywords.Row row = b.name().equals("model") ? layers.row(word) : null;
                if (row != null) {
                    words.add(v.layerKeyword(row));
                } else {
                    words.addAll(v.methods(b.type(), word, b.name()));
                }
            }
            scopes.add(new Scope(b.name(), words));
        }
        return scopes;
    }

    /** {@code dense UNITS, activation: ..., init: ..., <the plugin's parameters>}. */
    private Word layerKeyword(LayerKeywords.Row row) {
        PluginEntry e = registry.entry(PluginKind.LAYER, row.plugin());
        List<Arg> positional = new ArrayList<>();
        List<Arg> named = new ArrayList<>();
        for (Param p : registry.parameters(PluginKind.LAYER, row.plugin())) {
            (p.name().equals(row.positional()) ? positional : named).add(arg(p, null));
        }
        named.addAll(engineArguments());
        return new Word(row.keyword(), positional, named, e.description() + " (layer plugin '" + row.plugin() + "')");
    }

    /** Every public method of {@code type} named {@code word}, one entry per overload. */
    private List<Word> methods(Class<?> type, String word, String block) {
        List<Word> out = new ArrayList<>();
        Method[] all = type.getMethods();
        Arrays.sort(all, Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
        for (Method m : all) {
            if (!m.getName().equals(word) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            List<Arg> positional = new ArrayList<>();
            List<Arg> named = new ArrayList<>();
            for (Parameter p : m.getParameters()) {
                if (Map.class.isAssignableFrom(p.getType())) {
                    named.addAll(namedArguments(p, word, block));
                } else {
                    positional.add(new Arg(p.getName(), typeName(p.getType()), choices(word)));
                }
            }
            out.add(new Word(word, positional, named, doc(word, block)));
        }
        return out;
    }

    /** The named arguments a method's map parameter takes: annotated, or those of the plugins its word picks. */
    private List<Arg> namedArguments(Parameter p, String word, String block) {
        List<Arg> named = new ArrayList<>();
        for (NamedParam n : p.getAnnotationsByType(NamedParam.class)) {
            named.add(new Arg(n.value(), typeName(n.type()), n.required() ? "required" : ""));
        }
        if (values.containsKey(word)) {
            // regularizer 'l2', lambda: ...: every parameter of every plugin the word can pick, each saying whose
            Map<String, List<String>> owners = new LinkedHashMap<>();
            Map<String, Param> first = new LinkedHashMap<>();
            for (String name : values.get(word).get()) {
                for (Param q : Keywords.parameters(registry, word, name)) {
                    owners.computeIfAbsent(q.name(), k -> new ArrayList<>()).add(name);
                    first.putIfAbsent(q.name(), q);
                }
            }
            first.forEach((name, q) -> named.add(arg(q, String.join(", ", owners.get(name)))));
            if (word.equals("layer")) {
                named.addAll(engineArguments());
            }
        }
        if (block.equals("model") && word.equals("output")) {
            for (Param q : registry.parameters(PluginKind.LAYER, "dense")) {
                if (!q.name().equals("units")) {
                    named.add(arg(q, null));
                }
            }
            named.addAll(engineArguments());
            named.add(new Arg("loss", "java.lang.String", "one of " + String.join(", ", values.get("loss:").get())));
        }
        return named;
    }

    /** {@code activation:} and {@code init:}, which any layer takes, with the names they take. */
    private List<Arg> engineArguments() {
        List<Arg> out = new ArrayList<>();
        for (String a : Keywords.LAYER_ARGUMENTS) {
            out.add(new Arg(a, "java.lang.Object", "one of " + String.join(", ", values.get(a + ":").get())));
        }
        return out;
    }

    private static Arg arg(Param p, String owners) {
        String type = switch (p.type()) {
            case REAL -> "java.lang.Double";
            case INTEGER -> "java.lang.Integer";
            case BOOLEAN -> "java.lang.Boolean";
            case TEXT, CHOICE -> "java.lang.String";
        };
        String doc = (owners == null ? "" : "(" + owners + ") ") + p.description() + "; " + p.allowed() + ", default "
                + p.defaultValue();
        return new Arg(p.name(), type, doc);
    }

    /** The names a word's quoted argument takes, as help: {@code one of min-max, z-score}. */
    private String choices(String word) {
        Supplier<List<String>> names = values.get(word);
        return names == null ? "" : "one of " + String.join(", ", names.get());
    }

    private static String doc(String word, String block) {
        return block.isEmpty() ? "Tensile: " + word : "Tensile " + block + " { }: " + word;
    }

    private static String typeName(Class<?> c) {
        return c.isArray() ? c.getComponentType().getName() + "[]" : c.getName();
    }
}
