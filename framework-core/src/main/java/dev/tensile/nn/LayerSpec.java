package dev.tensile.nn;

/** One line of a model description, before any weights exist. */
public sealed interface LayerSpec extends java.io.Serializable {

    /**
     * A dense layer followed by its activation.
     *
     * @param init null means the activation's preferred initializer
     */
    record Dense(int units, PluginRef activation, PluginRef init) implements LayerSpec {
        public Dense {
            if (units < 1) {
                throw new IllegalArgumentException("a dense layer needs at least 1 unit, got " + units);
            }
        }
    }

    /** A regularizer that acts on activations, such as dropout, placed between layers. */
    record ActivationRegularizer(PluginRef regularizer) implements LayerSpec {
    }
}
