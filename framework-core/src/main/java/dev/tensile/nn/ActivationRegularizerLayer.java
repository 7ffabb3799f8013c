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
    private Rng rng;
    private final Buffers outputs;
    private final Buffers gradients;

    public ActivationRegularizerLayer(String name, Regularizer.Term term, int size, Rng rng) {
        this.name = name;
        this.term = term;
        this.size = size;
        this.rng = rng;
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
        if (!training) {
            return input;
        }
        Matrix out = outputs.get(input.rows());
        out.copyFrom(input);
        term.forward(out, true, rng);
        return out;
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        Matrix gradIn = gradients.get(gradOutput.rows());
        gradIn.copyFrom(gradOutput);
        term.backward(gradIn);
        return gradIn;
    }

    /** At inference the layer passes its input on (see forward), so it adds no nodes. */
    @Override
    public org.tribuo.util.onnx.ONNXRef<?> onnx(org.tribuo.util.onnx.ONNXRef<?> input) {
        return input;
    }

    /** The position of this layer's random stream (dropout masks), for checkpoints. */
    public Rng.State rngState() {
        return rng.state();
    }

    /** Continues this layer's random stream from a saved position (resuming a checkpoint). */
    public void restoreRng(Rng.State state) {
        this.rng = Rng.restore(state);
    }

    @Override
    public String describe() {
        return name;
    }
}
