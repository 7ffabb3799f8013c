package dev.tensile.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.tensile.spi.Layer;
import dev.tensile.tensor.Matrix;

/**
 * A sequential network: stages applied in order, then a loss on the last output. Shapes are checked when it is
 * built, naming the stage that does not fit.
 */
public final class Network {
    private final List<Stage> stages;
    private final Layer.Worker[] workers;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final List<Parameter> arrays;
    private final Matrix[] outputs;
    /** Per stage: the trainable parameters, and whether its worker sets their gradients itself. */
    private final Parameter[][] stageParameters;
    private final boolean[] overwrites;

    public Network(List<Stage> stages, Loss loss) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 1; i < stages.size(); i++) {
            Stage prev = stages.get(i - 1);
            Stage cur = stages.get(i);
            if (!prev.output().equals(cur.input())) {
                throw new IllegalArgumentException(cur.label() + " expects " + cur.input() + ", got " + prev.output()
                        + " from " + prev.label());
            }
        }
        this.stages = List.copyOf(stages);
        this.loss = loss;
        List<Parameter> ps = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        this.workers = new Layer.Worker[stages.size()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = stages.get(i).worker();
            ps.addAll(stages.get(i).parameters());
            all.addAll(stages.get(i).arrays());
        }
        this.parameters = Collections.unmodifiableList(ps);
        this.arrays = Collections.unmodifiableList(all);
        this.outputs = new Matrix[stages.size()];
        this.stageParameters = new Parameter[workers.length][];
        this.overwrites = new boolean[workers.length];
        for (int i = 0; i < workers.length; i++) {
            stageParameters[i] = stages.get(i).parameters().toArray(new Parameter[0]);
            overwrites[i] = workers[i].overwritesGradients();
        }
    }

    public List<Stage> stages() {
        return stages;
    }

    public Loss loss() {
        return loss;
    }

    /** The trainable parameters, layer by layer in slot order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Every slot of every layer in order, state included: what a model file holds. */
    public List<Parameter> arrays() {
        return arrays;
    }

    public int inputSize() {
        return stages.get(0).inputSize();
    }

    public int outputSize() {
        return stages.get(stages.size() - 1).outputSize();
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
        for (int i = 0; i < workers.length; i++) {
            x = workers[i].forward(x, training);
            outputs[i] = x;
        }
        return x;
    }

    /** Stage {@code i}'s output from the last forward pass (null before the first). */
    public Matrix layerOutput(int i) {
        return outputs[i];
    }

    /**
     * Backpropagates d(loss)/d(output) into gradients that hold this batch's alone: a stage whose worker {@link
     * Layer.Worker#overwritesGradients() overwrites} them sets them, every other stage's are zeroed before it adds to
     * them (the same values as zeroing all, then {@link #backwardAccumulating}).
     */
    public void backward(Matrix gradOutput) {
        Matrix g = gradOutput;
        int i = workers.length - 1;
        for (; i >= 0 && g != null; i--) {
            if (overwrites[i]) {
                g = workers[i].backwardOverwriting(g);
            } else {
                zero(stageParameters[i]);
                g = workers[i].backward(g);
            }
        }
        for (; i >= 0; i--) {
            zero(stageParameters[i]); // stages before the one that stopped: nothing to learn there, but no stale values
        }
    }

    /**
     * Backpropagates d(loss)/d(output), ADDING to every parameter gradient (several batches, one step). Stops where no
     * earlier stage has parameters to learn.
     */
    public void backwardAccumulating(Matrix gradOutput) {
        Matrix g = gradOutput;
        for (int i = workers.length - 1; i >= 0 && g != null; i--) {
            g = workers[i].backward(g);
        }
    }

    public void zeroGradients() {
        for (Parameter p : parameters) {
            Arrays.fill(p.grad().data(), 0f);
        }
    }

    private static void zero(Parameter[] ps) {
        for (Parameter p : ps) {
            Arrays.fill(p.grad().data(), 0f);
        }
    }

    /** Predictions for a batch (probabilities for classification), in a fresh matrix. */
    public Matrix predict(Matrix input) {
        Matrix out = forward(input, false).copy();
        loss.toPredictions(out);
        return out;
    }
}
