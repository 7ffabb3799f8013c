package dev.tensile.nn;

import dev.tensile.tensor.Matrix;

/** A loss over a batch, averaged over its rows, with its gradient with respect to the network's output. */
public interface Loss {

    /**
     * @param outputs the last layer's output, batch x classes
     * @param targets the same shape (one-hot rows for classification)
     * @param grad    receives d(mean loss)/d(outputs)
     * @return the mean loss over the batch
     */
    double lossAndGradient(Matrix outputs, Matrix targets, Matrix grad);

    /** Turns raw outputs into what a user reads (probabilities, values), in place. */
    void toPredictions(Matrix outputs);

    String name();

    /**
     * The output activation this loss computes itself, from the logits (softmax for cross-entropy, sigmoid for binary
     * cross-entropy), so the network ends with a linear layer; null when the output activation runs as a layer.
     */
    default String fusedActivation() {
        return null;
    }

    /** {@link #toPredictions} as ONNX nodes after the raw outputs; the default passes them on. */
    default org.tribuo.util.onnx.ONNXRef<?> onnxPredictions(org.tribuo.util.onnx.ONNXRef<?> outputs) {
        return outputs;
    }

    /** True when targets are one-hot classes, so accuracy means something. */
    default boolean classification() {
        return false;
    }
}
