package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Initializer;
import dev.tensile.spi.Regularizer;

/**
 * The {@code model { }} block: {@code input}, {@code dense}, {@code dropout}, {@code output}. Named arguments other
 * than {@code activation} and {@code init} are the activation plugin's parameters
 * ({@code dense 64, activation: 'leaky-relu', alpha: 0.1}); {@code init} takes a name or a map with a name
 * ({@code init: [name: 'he-normal', mode: 'out']}).
 */
public class ModelBlock {
    static final List<String> KEYWORDS = List.of("input", "dense", "dropout", "regularize", "output");

    private final Session session;
    private Integer inputs;
    private final List<LayerSpec> layers = new ArrayList<>();
    private LayerSpec.Dense output;
    private String loss;

    ModelBlock(Session session) {
        this.session = session;
    }

    public void input(int width) {
        if (width < 1) {
            throw new DslException("input needs a positive width, got " + width);
        }
        this.inputs = width;
    }

    public void dense(Map<String, Object> args, int units) {
        requireNoOutput("dense");
        layers.add(checked(dense(args, units, "relu")));
    }

    public void dense(int units) {
        dense(Map.of(), units);
    }

    /** Inverted dropout; {@code rate} is the fraction of units dropped. */
    public void dropout(double rate) {
        regularize(Map.of("rate", rate), "dropout");
    }

    /** Any regularizer that acts on activations, by name: {@code regularize 'dropout', rate: 0.3}. */
    public void regularize(Map<String, Object> args, String name) {
        requireNoOutput("regularize");
        PluginRef ref = new PluginRef(name, args);
        session.registry().bind(Regularizer.class, name, ref.params());
        layers.add(new LayerSpec.ActivationRegularizer(ref));
    }

    public void regularize(String name) {
        regularize(Map.of(), name);
    }

    public void output(Map<String, Object> args, int units) {
        Map<String, Object> rest = new LinkedHashMap<>(args);
        Object l = rest.remove("loss");
        this.loss = l == null ? "cross-entropy" : l.toString();
        this.output = checked(dense(rest, units, "softmax"));
    }

    public void output(int units) {
        output(Map.of(), units);
    }

    ModelSpec toSpec() {
        if (inputs == null) {
            throw new DslException("model { } needs 'input N', the number of input features");
        }
        if (output == null) {
            throw new DslException("model { } needs an output layer, e.g. output 10, activation: 'softmax', loss: 'cross-entropy'");
        }
        return new ModelSpec(inputs, layers, output, loss);
    }

    private void requireNoOutput(String what) {
        if (output != null) {
            throw new DslException("'" + what + "' after 'output': the output layer must come last");
        }
    }

    private static LayerSpec.Dense dense(Map<String, Object> args, int units, String defaultActivation) {
        if (units < 1) {
            throw new DslException("a layer needs at least 1 unit, got " + units);
        }
        Map<String, Object> rest = new LinkedHashMap<>(args);
        Object act = rest.remove("activation");
        Object init = rest.remove("init");
        PluginRef activation = new PluginRef(act == null ? defaultActivation : act.toString(), rest);
        return new LayerSpec.Dense(units, activation, init == null ? null : pluginRef(init, "init"));
    }

    /** Binds the layer's plugins now, so a wrong name or value is reported at the line that wrote it. */
    private LayerSpec.Dense checked(LayerSpec.Dense d) {
        session.registry().bind(Activation.class, d.activation().name(), d.activation().params());
        if (d.init() != null) {
            session.registry().bind(Initializer.class, d.init().name(), d.init().params());
        }
        return d;
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
