package dev.tensile.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.ParamBinder;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.Suggestions;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Plugin;

/**
 * The optimizers by name, with their parameters declared and validated the way plugin parameters are (so errors
 * read the same): {@code sgd}, {@code momentum}, {@code nesterov}, {@code rmsprop}, {@code adam}, {@code adamw}.
 */
public final class Optimizers {
    private static final Param LR = Param.real("lr", 0.01, 0, 10, "learning rate");
    private static final Param ADAM_LR = Param.real("lr", 1e-3, 0, 10, "learning rate");
    private static final Param MOMENTUM = Param.real("momentum", 0.9, 0, 0.9999, "momentum coefficient");
    private static final Param BETA1 = Param.real("beta1", 0.9, 0, 0.9999, "decay of the first-moment estimate");
    private static final Param BETA2 = Param.real("beta2", 0.999, 0, 0.999999, "decay of the second-moment estimate");
    private static final Param EPS = Param.real("epsilon", 1e-8, 0, 1, "added to the denominator");

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        add("sgd", "plain stochastic gradient descent", List.of(LR), p -> new Sgd(p.real("lr")));
        add("momentum", "SGD with momentum", List.of(LR, MOMENTUM),
                p -> new Sgd(p.real("lr"), p.real("momentum"), false));
        add("nesterov", "SGD with Nesterov momentum", List.of(LR, MOMENTUM),
                p -> new Sgd(p.real("lr"), p.real("momentum"), true));
        add("rmsprop", "divides by a running RMS of the gradient",
                List.of(Param.real("lr", 1e-3, 0, 10, "learning rate"),
                        Param.real("rho", 0.9, 0, 0.9999, "decay of the squared-gradient average"), EPS),
                p -> new RmsProp(p.real("lr"), p.real("rho"), p.real("epsilon")));
        add("adam", "adaptive moments (Kingma and Ba)", List.of(ADAM_LR, BETA1, BETA2, EPS),
                p -> new Adam(p.real("lr"), p.real("beta1"), p.real("beta2"), p.real("epsilon"), 0));
        add("adamw", "Adam with decoupled weight decay (biases exempt)",
                List.of(ADAM_LR, BETA1, BETA2, EPS, Param.real("weightDecay", 0.01, 0, 1, "decay per step, times lr")),
                p -> new Adam(p.real("lr"), p.real("beta1"), p.real("beta2"), p.real("epsilon"), p.real("weightDecay")));
    }

    private Optimizers() {
    }

    /** A fresh optimizer from its name and parameters, or an error that names what is wrong. */
    public static Optimizer create(PluginRef ref) {
        Spec spec = SPECS.get(ref.name());
        if (spec == null) {
            throw new PluginException("unknown optimizer '" + ref.name() + "'"
                    + Suggestions.closest(ref.name(), SPECS.keySet()).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " (optimizers: " + String.join(", ", SPECS.keySet()) + ")");
        }
        return spec.factory.create(ParamBinder.bind(spec, ref.params()));
    }

    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    /** Declared parameters of an optimizer, for help and completion. */
    public static List<Param> parameters(String name) {
        Spec s = SPECS.get(name);
        return s == null ? List.of() : s.parameters();
    }

    private static void add(String name, String description, List<Param> params, Factory f) {
        SPECS.put(name, new Spec(name, description, params, f));
    }

    private interface Factory {
        Optimizer create(Params p);
    }

    private record Spec(String name, String description, List<Param> parameters, Factory factory) implements Plugin {
    }
}
