package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/**
 * A trainable tensor with its gradient, as the optimizer and the weight regularizers see it.
 *
 * @param name   where it lives, e.g. {@code layer 1 (dense 64).weights}
 * @param value  the values the forward pass uses
 * @param grad   the gradient the backward pass writes, same shape
 * @param isBias biases are exempt from weight regularizers
 */
public record Parameter(String name, Matrix value, Matrix grad, boolean isBias) {
    public Parameter {
        value.requireSameShape(grad);
    }
}
