package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.Losses;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.Suggestions;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Initializer;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Param;
import dev.tensile.spi.PluginKind;
import dev.tensile.spi.Shape;

/**
 * The {@code model { }} block: {@code input}, every layer keyword of the {@link LayerKeywords} table ({@code dense 64},
 * {@code dropout 0.2}, a jar's own), {@code layer 'name', ...} for any layer plugin, and {@code output}. Named
 * arguments: {@code activation} and {@code init} (a name or a map with a name:
 * {@code init: [name: 'he-normal', mode: 'out']}) are the engine's; those the layer plugin declares are the layer's;
 * the rest are the activation's ({@code dense 64, activation: 'leaky-relu', alpha: 0.1}).
 */
public class ModelBlock {
    private final Session session;
    private final LayerKeywords keywords;
    private Shape input;
    private final List<LayerSpec> layers = new ArrayList<>();
    private LayerSpec output;
    private String loss;

    ModelBlock(Session session) {
        this.session = session;
        this.keywords = session.layerKeywords();
    }

    /** {@code input 784} for vectors, {@code input 28, 28, 1} for images. */
    public void input(int... dims) {
        try {
            this.input = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new DslException("input needs positive sizes, e.g. input 784 or input 28, 28, 1: " + e.getMessage());
        }
    }

    /** Any layer plugin by name: {@code layer 'scale'}, {@code layer 'dense', units: 8, activation: 'tanh'}. */
    public void layer(Map<String, Object> args, String name) {
        requireNoOutput("layer");
        Layer plugin = session.registry().get(Layer.class, name);
        layers.add(checked(spec("layer '" + name + "'", plugin, args, plugin.defaultActivation())));
    }

    public void layer(String name) {
        layer(Map.of(), name);
    }

    public void output(Map<String, Object> args, int units) {
        Map<String, Object> rest = new LinkedHashMap<>(args);
        Object l = rest.remove("loss");
        this.loss = l == null ? "cross-entropy" : l.toString();
        try {
            Losses.check(loss);
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
        rest.put(positional(LayerKeywords.OUTPUT_PLUGIN), units);
        Layer plugin = session.registry().get(Layer.class, LayerKeywords.OUTPUT_PLUGIN);
        this.output = checked(spec("output", plugin, rest, LayerKeywords.OUTPUT_ACTIVATION));
    }

    public void output(int units) {
        output(Map.of(), units);
    }

    /** Whether {@code word} is a layer plugin's keyword, which {@link #keyword} handles. */
    boolean handles(String word) {
        return keywords.row(word) != null;
    }

    /** A plugin keyword as Groovy passes it: named arguments (a map) first, then the unnamed ones. */
    Object keyword(String word, Object args) {
        LayerKeywords.Row row = keywords.row(word);
        requireNoOutput(word);
        Object[] a = args instanceof Object[] arr ? arr : new Object[] {args};
        Map<String, Object> named = new LinkedHashMap<>();
        List<Object> unnamed = new ArrayList<>();
        for (Object o : a) {
            if (o instanceof Map<?, ?> m && named.isEmpty() && unnamed.isEmpty()) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    named.put(e.getKey().toString(), e.getValue());
                }
            } else {
                unnamed.add(o);
            }
        }
        if (row.positional() == null && !unnamed.isEmpty()) {
            throw new DslException("'" + word + "' takes named arguments only, e.g. " + word + " name: value");
        }
        if (unnamed.size() > 1) {
            throw new DslException("'" + word + "' takes one unnamed value (" + row.positional() + "), got " + unnamed.size());
        }
        if (!unnamed.isEmpty()) {
            if (named.containsKey(row.positional())) {
                throw new DslException("'" + word + "' got " + row.positional() + " twice");
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            ordered.put(row.positional(), unnamed.get(0));
            ordered.putAll(named);
            named = ordered;
        }
        Layer plugin = session.registry().get(Layer.class, row.plugin());
        layers.add(checked(spec("'" + word + "'", plugin, named, row.defaultActivation())));
        return null;
    }

    ModelSpec toSpec() {
        if (input == null) {
            throw new DslException("model { } needs 'input N', the number of input features (or input H, W, C)");
        }
        if (output == null) {
            throw new DslException("model { } needs an output layer, e.g. output 10, activation: 'softmax', loss: 'cross-entropy'");
        }
        return new ModelSpec(input, layers, output, loss);
    }

    private void requireNoOutput(String what) {
        if (output != null) {
            throw new DslException("'" + what + "' after 'output': the output layer must come last");
        }
    }

    private String positional(String plugin) {
        String p = session.registry().get(Layer.class, plugin).positional();
        if (p == null) {
            throw new DslException("the layer plugin '" + plugin + "' behind 'output' takes no unnamed width");
        }
        return p;
    }

    /**
     * Splits the named arguments between the engine (activation, init), the layer and the activation. A name that
     * none of them takes is reported against what the script wrote ({@code what}: {@code 'dense'}, {@code output}),
     * so {@code activaton:} gets "did you mean 'activation'" rather than an error of the activation plugin.
     */
    private LayerSpec spec(String what, Layer plugin, Map<String, Object> args, String defaultActivation) {
        Map<String, Object> layerParams = new LinkedHashMap<>();
        Map<String, Object> activationParams = new LinkedHashMap<>();
        List<String> declared = plugin.parameters().stream().map(Param::name).toList();
        Object act = null;
        Object init = null;
        for (Map.Entry<String, Object> e : args.entrySet()) {
            switch (e.getKey()) {
                case "activation" -> act = e.getValue();
                case "init" -> init = e.getValue();
                default -> (declared.contains(e.getKey()) ? layerParams : activationParams).put(e.getKey(), e.getValue());
            }
        }
        String activation = act != null ? act.toString() : defaultActivation;
        if (activation == null && !activationParams.isEmpty()) {
            layerParams.putAll(activationParams); // no activation: the layer's binder names the unknown parameter
            activationParams.clear();
        }
        if (activation != null && !activationParams.isEmpty()
                && session.registry().names(PluginKind.ACTIVATION).contains(activation)) {
            requireKnown(what, declared, activation, activationParams);
        }
        return new LayerSpec(new PluginRef(plugin.name(), layerParams),
                activation == null ? null : new PluginRef(activation, activationParams),
                init == null ? null : pluginRef(init, "init"));
    }

    /** Each of {@code given} must be a parameter of the activation; otherwise one line with the closest name of all. */
    private void requireKnown(String what, List<String> layerParams, String activation, Map<String, Object> given) {
        List<String> ofActivation = session.registry().parameters(PluginKind.ACTIVATION, activation).stream()
                .map(Param::name).toList();
        for (String key : given.keySet()) {
            if (ofActivation.contains(key)) {
                continue;
            }
            List<String> all = new ArrayList<>(layerParams);
            all.add("activation");
            all.add("init");
            all.addAll(ofActivation);
            throw new DslException(what + " has no parameter '" + key + "'"
                    + Suggestions.closest(key, all).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " (parameters: " + String.join(", ", all.subList(0, layerParams.size() + 2))
                    + (ofActivation.isEmpty() ? "" : "; and " + activation + "'s: " + String.join(", ", ofActivation)) + ")");
        }
    }

    /** Binds the layer's plugins now, so a wrong name or value is reported at the line that wrote it. */
    private LayerSpec checked(LayerSpec s) {
        session.registry().bind(Layer.class, s.layer().name(), s.layer().params());
        if (s.activation() != null) {
            session.registry().bind(Activation.class, s.activation().name(), s.activation().params());
        }
        if (s.init() != null) {
            session.registry().bind(Initializer.class, s.init().name(), s.init().params());
        }
        return s;
    }

    static PluginRef pluginRef(Object value, String what) {
        if (value instanceof CharSequence s) {
            return PluginRef.of(s.toString());
        }
        if (value instanceof Map<?, ?> m && m.get("name") instanceof CharSequence name) {
            Map<String, Object> params = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!"name".equals(k)) {
                    params.put(k.toString(), v);
                }
            });
            return new PluginRef(name.toString(), params);
        }
        throw new DslException(what + " must be a plugin name or a map with a name, got " + value);
    }
}
