package dev.tensile.nn;

import java.util.List;

/**
 * A whole model description: the input width, the hidden layers in order, and the output layer with its loss.
 * The output's activation and loss are fused where that is exact and stable (softmax with cross-entropy).
 */
public record ModelSpec(int inputs, List<LayerSpec> layers, LayerSpec.Dense output, String loss)
        implements java.io.Serializable {
    public ModelSpec {
        if (inputs < 1) {
            throw new IllegalArgumentException("the model needs at least 1 input, got " + inputs);
        }
        layers = List.copyOf(layers);
    }
}
