package dev.tensile.nn;

import java.util.List;

import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.VectorOps;
import dev.tensile.tensor.Matrix;

/**
 * A fully connected layer: {@code out = in · W + b}, with W stored inputs x outputs so the forward pass is a
 * plain A·B and the two backward products are Aᵀ·B (weights) and A·Bᵀ (inputs).
 */
public final class Dense implements Layer {
    private final Gemm gemm;
    private final Parameter weights;
    private final Parameter bias;
    private final String label;
    private final Buffers outputs;
    private final Buffers gradInputs;
    private Matrix input;

    public Dense(Gemm gemm, int inputs, int outputs, String label) {
        this.gemm = gemm;
        this.label = label;
        this.weights = new Parameter(label + ".weights", new Matrix(inputs, outputs), new Matrix(inputs, outputs), false);
        this.bias = new Parameter(label + ".bias", new Matrix(1, outputs), new Matrix(1, outputs), true);
        this.outputs = new Buffers(outputs);
        this.gradInputs = new Buffers(inputs);
    }

    public Parameter weights() {
        return weights;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public int inputSize() {
        return weights.value().rows();
    }

    @Override
    public int outputSize() {
        return weights.value().cols();
    }

    @Override
    public Matrix forward(Matrix in, boolean training) {
        int batch = in.rows();
        int n = outputSize();
        int k = inputSize();
        Matrix output = outputs.get(batch);
        float[] out = output.data();
        gemm.gemm(false, false, batch, n, k, 1f, in.data(), 0, k, weights.value().data(), 0, n, 0f, out, 0, n);
        VectorOps.addRowVector(out, batch, n, bias.value().data());
        input = in;
        return output;
    }

    @Override
    public Matrix backward(Matrix gradOut) {
        int batch = gradOut.rows();
        int n = outputSize();
        int k = inputSize();
        // dW = inᵀ · gradOut ; db = column sums of gradOut ; dIn = gradOut · Wᵀ
        gemm.gemm(true, false, k, n, batch, 1f, input.data(), 0, k, gradOut.data(), 0, n,
                0f, weights.grad().data(), 0, n);
        float[] g = gradOut.data();
        VectorOps.sumColumns(g, batch, n, bias.grad().data());
        Matrix gradInput = gradInputs.get(batch);
        gemm.gemm(false, true, batch, k, n, 1f, g, 0, n, weights.value().data(), 0, n,
                0f, gradInput.data(), 0, k);
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    /** One Gemm node: {@code input · W + b}, the trained W and b as initializers. */
    @Override
    public org.tribuo.util.onnx.ONNXRef<?> onnx(org.tribuo.util.onnx.ONNXRef<?> in) {
        org.tribuo.util.onnx.ONNXContext ctx = in.onnxContext();
        float[] w = weights.value().data();
        float[] b = bias.value().data();
        return in.apply(org.tribuo.util.onnx.ONNXOperators.GEMM, List.of(
                ctx.floatTensor("dense_weights", List.of(inputSize(), outputSize()), buf -> buf.put(w)),
                ctx.floatTensor("dense_bias", List.of(outputSize()), buf -> buf.put(b))));
    }

    @Override
    public String describe() {
        return "dense " + outputSize();
    }

    @Override
    public String toString() {
        return label;
    }
}
