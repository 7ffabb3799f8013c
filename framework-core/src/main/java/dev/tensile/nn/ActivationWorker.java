package dev.tensile.nn;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Layer;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/** Runs an activation plugin's function as a stage after a layer; keeps z and a for the backward pass. */
final class ActivationWorker implements Layer.Worker {
    private final Activation.Function function;
    private final Buffers outputs;
    private final Buffers gradients;
    private Matrix z;
    private Matrix a;

    ActivationWorker(Activation.Function function, int size) {
        this.function = function;
        this.outputs = new Buffers(size);
        this.gradients = new Buffers(size);
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
}
