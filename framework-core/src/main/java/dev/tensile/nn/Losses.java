package dev.tensile.nn;

import java.util.List;

import dev.tensile.plugin.Suggestions;

/**
 * The losses an output layer can name, and the output activation each one computes from the logits. The names are
 * the one list that the model block checks, the builder dispatches on and the shell completes.
 */
public final class Losses {
    /** Every loss name, in the order messages list them. */
    public static final List<String> NAMES = List.of("cross-entropy", "binary-cross-entropy", "mse");

    private Losses() {
    }

    /** Refuses a name that is not a loss, with "did you mean" and the list. */
    public static void check(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown loss '" + name + "'"
                    + Suggestions.closest(name, NAMES).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " (losses: " + String.join(", ", NAMES) + ")");
        }
    }

    /** The loss {@code name} with the output activation {@code activation} (null: identity), or why they do not fit. */
    static Loss of(String name, String activation) {
        check(name);
        String act = activation == null ? "identity" : activation;
        switch (name) {
            case "cross-entropy" -> {
                if (!"softmax".equals(act)) {
                    throw new IllegalArgumentException("loss 'cross-entropy' needs the output activation 'softmax', got '"
                            + act + "'");
                }
                return new SoftmaxCrossEntropy();
            }
            case "mse" -> {
                if ("softmax".equals(act)) {
                    throw new IllegalArgumentException("loss 'mse' is for regression: give the output activation: 'identity'");
                }
                return new MeanSquaredError();
            }
            default -> {
                if (!"sigmoid".equals(act)) {
                    throw new IllegalArgumentException("loss 'binary-cross-entropy' needs the output activation 'sigmoid', got '"
                            + act + "'");
                }
                return new BinaryCrossEntropy();
            }
        }
    }
}
