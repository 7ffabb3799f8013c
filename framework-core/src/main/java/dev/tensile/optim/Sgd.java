package dev.tensile.optim;

import dev.tensile.nn.Parameter;

/**
 * Stochastic gradient descent, optionally with momentum μ ({@code v = μv + g; w -= lr·v}) or Nesterov momentum
 * ({@code w -= lr·(g + μv)}), PyTorch's formulation.
 */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final boolean nesterov;

    public Sgd(double learningRate, double momentum, boolean nesterov) {
        super(nesterov ? "nesterov" : momentum > 0 ? "momentum" : "sgd", learningRate, momentum > 0 ? 1 : 0);
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
    }

    public Sgd(double learningRate) {
        this(learningRate, 0, false);
    }

    @Override
    protected void update(Parameter p, float[] w, float[] g, float[][] slots) {
        float lr = (float) learningRate();
        if (slots == null) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
            return;
        }
        float[] v = slots[0];
        float mu = momentum;
        for (int i = 0; i < w.length; i++) {
            float vi = mu * v[i] + g[i];
            v[i] = vi;
            w[i] -= lr * (nesterov ? g[i] + mu * vi : vi);
        }
    }
}
