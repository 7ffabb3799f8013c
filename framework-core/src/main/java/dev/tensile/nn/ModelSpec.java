package dev.tensile.nn;

import java.util.List;

import dev.tensile.spi.Shape;

/**
 * A whole model description: the input shape, the hidden layers in order, and the output layer with its loss.
 * The output's activation and loss are fused where that is exact and stable (softmax with cross-entropy).
 */
public record ModelSpec(Shape input, List<LayerSpec> layers, LayerSpec output, String loss) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ModelSpec {
        java.util.Objects.requireNonNull(input, "input");
        java.util.Objects.requireNonNull(output, "output");
        layers = List.copyOf(layers);
    }

    /** A model on vectors of {@code inputs} features. */
    public ModelSpec(int inputs, List<LayerSpec> layers, LayerSpec output, String loss) {
        this(vector(inputs), layers, output, loss);
    }

    private static Shape vector(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("the model needs at least 1 input, got " + inputs);
        }
        return Shape.of(inputs);
    }

    /** Input values per example: the input shape's size. */
    public int inputs() {
        return input.size();
    }

    /** Every layer in order, the output last. */
    public List<LayerSpec> all() {
        List<LayerSpec> all = new java.util.ArrayList<>(layers);
        all.add(output);
        return all;
    }

    @Override
    public String toString() {
        return "ModelSpec[input=" + input + ", layers=" + layers + ", output=" + output + ", loss=" + loss + "]";
    }
}
