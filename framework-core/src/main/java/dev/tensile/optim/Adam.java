package dev.tensile.optim;

import dev.tensile.kernel.VectorOps;
import dev.tensile.nn.Parameter;

/**
 * Adam (Kingma and Ba, 2015) with bias-corrected moments; with a weight decay it is AdamW (Loshchilov and Hutter,
 * 2019): {@code w -= lr·decay·w} applied directly to the weights, decoupled from the gradient, and not to biases.
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private float stepSize;
    private float eps;

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(weightDecay > 0 ? "adamw" : "adam", learningRate, 2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    protected void beginStep(long t) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        // Both bias corrections folded into the step size and epsilon: one sqrt and one divide per element.
        stepSize = (float) (learningRate() * Math.sqrt(c2) / c1);
        eps = (float) (epsilon * Math.sqrt(c2));
    }

    @Override
    protected void update(Parameter p, float[] w, float[] g, float[][] slots) {
        float[] m = slots[0];
        float[] v = slots[1];
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float a = stepSize;
        float e = eps;
        if (weightDecay > 0 && !p.isBias()) {
            float keep = (float) (1 - learningRate() * weightDecay);
            for (int i = 0; i < w.length; i++) {
                w[i] *= keep;
            }
        }
        VectorOps.adamUpdate(w, g, m, v, w.length, b1, b2, a, e);
    }
}
