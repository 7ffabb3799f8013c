package dev.tensile.nn;

import java.util.List;

import dev.tensile.tensor.Matrix;

/**
 * One stage of a sequential network. A layer owns its output and gradient buffers and reuses them while the
 * batch size stays the same, so the matrices it returns are valid until its next call.
 */
public interface Layer {

    int inputSize();

    int outputSize();

    /** @param input batch x inputSize; @param training dropout and friends act only when true */
    Matrix forward(Matrix input, boolean training);

    /** Given d(loss)/d(output), accumulates parameter gradients and returns d(loss)/d(input). */
    Matrix backward(Matrix gradOutput);

    default List<Parameter> parameters() {
        return List.of();
    }

    /** This stage at inference as ONNX nodes after {@code input}; null when it cannot be exported. */
    default org.tribuo.util.onnx.ONNXRef<?> onnx(org.tribuo.util.onnx.ONNXRef<?> input) {
        return null;
    }

    /** A short description such as {@code dense 64} or {@code relu}. */
    String describe();
}
