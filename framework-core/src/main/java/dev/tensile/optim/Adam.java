package dev.tensile.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.Parameter;

/** Adam (Kingma and Ba, 2015) with bias-corrected first and second moments. */
public final class Adam implements Optimizer {
    private double lr;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<Parameter, float[][]> moments = new IdentityHashMap<>();
    private long t;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.lr = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    @Override
    public void step(List<Parameter> parameters) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        // Folding both corrections into the step size keeps the inner loop to one sqrt and one divide.
        float stepSize = (float) (lr * Math.sqrt(c2) / c1);
        float eps = (float) (epsilon * Math.sqrt(c2));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        for (Parameter p : parameters) {
            float[][] mv = moments.computeIfAbsent(p, k -> new float[][] {new float[k.value().size()], new float[k.value().size()]});
            float[] m = mv[0];
            float[] v = mv[1];
            float[] w = p.value().data();
            float[] g = p.grad().data();
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
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
        return "adam";
    }
}
