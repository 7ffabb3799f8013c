package dev.tensile.nn;

import dev.tensile.spi.Activation;
import dev.tensile.tensor.Matrix;

/** Applies an activation plugin's function elementwise; keeps z and a for the backward pass. */
public final class ActivationLayer implements Layer {
    private final String name;
    private final Activation.Function function;
    private final int size;
    private Matrix z;
    private Matrix a;
    private Matrix gradZ;

    public ActivationLayer(String name, Activation.Function function, int size) {
        this.name = name;
        this.function = function;
        this.size = size;
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
        z = input;
        a = Buffers.ensure(a, input.rows(), size);
        function.forward(input, a);
        return a;
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        gradZ = Buffers.ensure(gradZ, gradOutput.rows(), size);
        function.backward(z, a, gradOutput, gradZ);
        return gradZ;
    }

    @Override
    public String describe() {
        return name;
    }
}
