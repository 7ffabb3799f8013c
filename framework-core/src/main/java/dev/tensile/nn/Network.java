package dev.tensile.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tensile.tensor.Matrix;

/**
 * A sequential network: layers applied in order, then a loss on the last output. Shapes are checked when it is
 * built, naming the layer that does not fit.
 */
public final class Network {
    private final List<Layer> layers;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final Matrix[] outputs;

    public Network(List<Layer> layers, Loss loss) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            Layer prev = layers.get(i - 1);
            Layer cur = layers.get(i);
            if (prev.outputSize() != cur.inputSize()) {
                throw new IllegalArgumentException("layer " + (i + 1) + " (" + cur.describe() + ") expects "
                        + cur.inputSize() + " inputs, got " + prev.outputSize());
            }
        }
        this.layers = List.copyOf(layers);
        this.loss = loss;
        List<Parameter> ps = new ArrayList<>();
        for (Layer l : layers) {
            ps.addAll(l.parameters());
        }
        this.parameters = Collections.unmodifiableList(ps);
        this.outputs = new Matrix[layers.size()];
    }

    public List<Layer> layers() {
        return layers;
    }

    public Loss loss() {
        return loss;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.value().size();
        }
        return n;
    }

    /** Raw outputs (logits for a cross-entropy network); valid until the next call. */
    public Matrix forward(Matrix input, boolean training) {
        if (input.cols() != inputSize()) {
            throw new IllegalArgumentException("the network expects " + inputSize() + " input features, got " + input.cols());
        }
        Matrix x = input;
        for (int i = 0; i < outputs.length; i++) {
            x = layers.get(i).forward(x, training);
            outputs[i] = x;
        }
        return x;
    }

    /** Layer {@code i}'s output from the last forward pass (null before the first). */
    public Matrix layerOutput(int i) {
        return outputs[i];
    }

    /** Backpropagates d(loss)/d(output) through every layer, filling each parameter's gradient. */
    public void backward(Matrix gradOutput) {
        Matrix g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
    }

    /** Predictions for a batch (probabilities for classification), in a fresh matrix. */
    public Matrix predict(Matrix input) {
        Matrix out = forward(input, false).copy();
        loss.toPredictions(out);
        return out;
    }
}
