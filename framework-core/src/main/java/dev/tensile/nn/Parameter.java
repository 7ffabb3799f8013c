package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/**
 * One of a layer's arrays as the optimizer, the weight regularizers and model files see it.
 *
 * @param name   where it lives, e.g. {@code layer 1 (dense 64).weights}
 * @param value  the values the forward pass uses
 * @param grad   the gradient the backward pass adds to, same shape; null for state the optimizer never touches
 * @param isBias true for arrays weight regularizers leave alone (biases, scales, state)
 */
public record Parameter(String name, Matrix value, Matrix grad, boolean isBias) {
    public Parameter {
        if (grad != null) {
            value.requireSameShape(grad);
        }
    }

    /** Whether the optimizer trains it (it has a gradient). */
    public boolean trainable() {
        return grad != null;
    }
}
