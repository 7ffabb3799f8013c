package dev.tensile.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Adam;
import dev.tensile.optim.Optimizer;
import dev.tensile.optim.Sgd;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.plugin.Suggestions;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;

/**
 * A training description by name, as a script writes it; {@link #bind} turns it into a {@link TrainingConfig}
 * with fresh optimizer state and bound plugin workers.
 *
 * @param optimizer      {@code sgd} or {@code adam}, with {@code lr} and the optimizer's own parameters
 * @param listeners      callbacks made in code (e.g. a script's closure), run after the named ones
 */
public record TrainPlan(int epochs, int batchSize, long seed, PluginRef optimizer,
                        List<PluginRef> regularizers, List<PluginRef> augmentations, List<PluginRef> callbacks,
                        List<Callback.Listener> listeners) {

    public static final List<String> OPTIMIZERS = List.of("sgd", "adam");

    public TrainPlan {
        regularizers = List.copyOf(regularizers);
        augmentations = List.copyOf(augmentations);
        callbacks = List.copyOf(callbacks);
        listeners = List.copyOf(listeners);
    }

    public TrainingConfig bind(PluginRegistry registry) {
        List<Regularizer.Term> terms = new ArrayList<>();
        for (PluginRef r : regularizers) {
            PluginRegistry.Bound<Regularizer> b = registry.bind(Regularizer.class, r.name(), r.params());
            Regularizer.Term term = b.plugin().create(b.params());
            if (term.actsOnActivations()) {
                throw new PluginException("regularizer '" + r.name() + "' acts on activations: put it in the model"
                        + " between layers (e.g. dropout 0.2), not in train { }");
            }
            terms.add(term);
        }
        List<Augmentation.Augmenter> augs = new ArrayList<>();
        for (PluginRef a : augmentations) {
            PluginRegistry.Bound<Augmentation> b = registry.bind(Augmentation.class, a.name(), a.params());
            augs.add(b.plugin().create(b.params()));
        }
        List<Callback.Listener> cbs = new ArrayList<>();
        for (PluginRef c : callbacks) {
            PluginRegistry.Bound<Callback> b = registry.bind(Callback.class, c.name(), c.params());
            cbs.add(b.plugin().create(b.params()));
        }
        cbs.addAll(listeners);
        return new TrainingConfig(epochs, batchSize, seed, createOptimizer(optimizer), terms, augs, cbs);
    }

    /** A fresh optimizer from its name and parameters, or an error naming what is wrong. */
    public static Optimizer createOptimizer(PluginRef ref) {
        Map<String, Object> p = ref.params();
        double lr = number(ref, "lr", ref.name().equals("adam") ? 1e-3 : 0.01);
        return switch (ref.name()) {
            case "sgd" -> {
                only(ref, "lr");
                yield new Sgd(lr);
            }
            case "adam" -> {
                only(ref, "lr", "beta1", "beta2", "epsilon");
                yield new Adam(lr, number(ref, "beta1", 0.9), number(ref, "beta2", 0.999), number(ref, "epsilon", 1e-8));
            }
            default -> throw new PluginException("unknown optimizer '" + ref.name() + "'"
                    + Suggestions.closest(ref.name(), OPTIMIZERS).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " (optimizers: " + String.join(", ", OPTIMIZERS) + ")");
        };
    }

    private static void only(PluginRef ref, String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : ref.params().keySet()) {
            if (!ok.contains(k)) {
                throw new PluginException("optimizer " + ref.name() + " has no parameter '" + k + "'"
                        + Suggestions.closest(k, ok).map(s -> "; did you mean '" + s + "'?").orElse("")
                        + " (parameters: " + String.join(", ", ok) + ")");
            }
        }
    }

    private static double number(PluginRef ref, String key, double dflt) {
        Object v = ref.params().get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() > 0) || !Double.isFinite(n.doubleValue())) {
            throw new PluginException("optimizer " + ref.name() + " parameter '" + key + "' must be a positive number, got " + v);
        }
        return n.doubleValue();
    }
}
