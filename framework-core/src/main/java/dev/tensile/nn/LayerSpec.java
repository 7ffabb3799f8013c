package dev.tensile.nn;

/**
 * One line of a model description, before any weights exist: a layer plugin with the script's parameters, the
 * activation that follows it and the initializer of its weights.
 *
 * @param layer      the layer plugin ({@code dense}, {@code dropout}, ...) and its parameters
 * @param activation the activation after the layer, or null for none
 * @param init       the initializer of the layer's weight slots; null means the activation's preferred one
 */
public record LayerSpec(PluginRef layer, PluginRef activation, PluginRef init) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public LayerSpec {
        java.util.Objects.requireNonNull(layer, "layer");
    }

    /** A layer with neither activation nor initializer ({@code dropout}, {@code flatten}). */
    public static LayerSpec of(PluginRef layer) {
        return new LayerSpec(layer, null, null);
    }

    @Override
    public String toString() {
        return layer + (activation == null ? "" : " " + activation) + (init == null ? "" : " init " + init);
    }
}
