package dev.tensile.nn;

import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * A regularizer that acts on activations (dropout) placed between layers. Works on a copy, so the
 * previous layer's output, which its backward pass may need, stays untouched.
 */
public final class ActivationRegularizerLayer implements Layer {
    private final String name;
    private final Regularizer.Term term;
    private final int size;
    private final Rng rng;
    private Matrix out;
    private Matrix gradIn;

    public ActivationRegularizerLayer(String name, Regularizer.Term term, int size, Rng rng) {
        this.name = name;
        this.term = term;
        this.size = size;
        this.rng = rng;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        if (!training) {
            return input;
        }
        out = Buffers.ensure(out, input.rows(), size);
        out.copyFrom(input);
        term.forward(out, true, rng);
        return out;
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        gradIn = Buffers.ensure(gradIn, gradOutput.rows(), size);
        gradIn.copyFrom(gradOutput);
        term.backward(gradIn);
        return gradIn;
    }

    @Override
    public String describe() {
        return name;
    }
}
