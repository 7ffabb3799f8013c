package dev.tensile.dsl.bench;

import java.util.List;

import dev.tensile.nn.Layer;
import dev.tensile.nn.Parameter;
import dev.tensile.tensor.Matrix;

/** A layer that adds the time of its inner layer's forward and backward passes to two totals (bench only). */
final class TimedLayer implements Layer {
    final Layer inner;
    long forwardNanos;
    long backwardNanos;

    TimedLayer(Layer inner) {
        this.inner = inner;
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public int outputSize() {
        return inner.outputSize();
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        long t = System.nanoTime();
        Matrix m = inner.forward(input, training);
        forwardNanos += System.nanoTime() - t;
        return m;
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        long t = System.nanoTime();
        Matrix m = inner.backward(gradOutput);
        backwardNanos += System.nanoTime() - t;
        return m;
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    static String report(List<Layer> layers) {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            if (l instanceof TimedLayer t) {
                sb.append(String.format("  %-16s forward %6.2f s  backward %6.2f s%n", t.describe(), t.forwardNanos / 1e9,
                        t.backwardNanos / 1e9));
                t.forwardNanos = 0;
                t.backwardNanos = 0;
            }
        }
        return sb.toString();
    }
}
