package dev.tensile.optim;

import java.util.List;

import dev.tensile.nn.Parameter;

/** Plain stochastic gradient descent: {@code w -= lr * g}. */
public final class Sgd implements Optimizer {
    private double lr;

    public Sgd(double learningRate) {
        this.lr = learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        float rate = (float) lr;
        for (Parameter p : parameters) {
            float[] w = p.value().data();
            float[] g = p.grad().data();
            for (int i = 0; i < w.length; i++) {
                w[i] -= rate * g[i];
            }
        }
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.lr = learningRate;
    }

    @Override
    public String name() {
        return "sgd";
    }
}
