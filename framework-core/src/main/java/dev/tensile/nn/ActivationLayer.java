package dev.tensile.nn;

import dev.tensile.spi.Activation;
import dev.tensile.tensor.Matrix;

/** Applies an activation plugin's function elementwise; keeps z and a for the backward pass. */
public final class ActivationLayer implements Layer {
    private final String name;
    private final Activation.Function function;
    private final int size;
    private final Buffers outputs;
    private final Buffers gradients;
    private Matrix z;
    private Matrix a;

    public ActivationLayer(String name, Activation.Function function, int size) {
        this.name = name;
        this.function = function;
        this.size = size;
        this.outputs = new Buffers(size);
        this.gradients = new Buffers(size);
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
        a = outputs.get(input.rows());
        function.forward(input, a);
        return a;
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        Matrix gradZ = gradients.get(gradOutput.rows());
        function.backward(z, a, gradOutput, gradZ);
        return gradZ;
    }

    @Override
    public org.tribuo.util.onnx.ONNXRef<?> onnx(org.tribuo.util.onnx.ONNXRef<?> input) {
        return function.onnx(input);
    }

    @Override
    public String describe() {
        return name;
    }
}
