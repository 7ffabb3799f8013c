package dev.tensile.optim;

import dev.tensile.nn.Parameter;

/** RMSProp (Hinton): {@code s = ρs + (1-ρ)g²; w -= lr·g / (√s + ε)}. */
public final class RmsProp extends Optimizer {
    private final float rho;
    private final float epsilon;

    public RmsProp(double learningRate, double rho, double epsilon) {
        super("rmsprop", learningRate, 1);
        this.rho = (float) rho;
        this.epsilon = (float) epsilon;
    }

    @Override
    protected void update(Parameter p, float[] w, float[] g, float[][] slots) {
        float lr = (float) learningRate();
        float[] s = slots[0];
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float si = rho * s[i] + (1 - rho) * gi * gi;
            s[i] = si;
            w[i] -= lr * gi / ((float) Math.sqrt(si) + epsilon);
        }
    }
}
