package dev.tensile.nn;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Compares analytic gradients with central finite differences, {@code (f(x+h) - f(x-h)) / 2h}, for activation
 * functions, weight regularizers and whole networks. Values live in float32 matrices, so each perturbation is
 * applied in float and the divisor is the perturbation that float actually realised, {@code (float)(x+h) -
 * (float)(x-h)}, taken in double; every sum and difference of outputs is taken in double.
 *
 * <p>The error at one coordinate is {@code |analytic - numeric| / max(|analytic|, |numeric|, floor)}; the floor
 * (default {@value #DEFAULT_FLOOR}) keeps coordinates whose true gradient is about zero from dividing noise by
 * noise. Float32 round-off in f adds about {@code 6e-8 * |f| / h} to the numeric value, and truncation about
 * {@code h² f''' / 6}: with the default {@code h} of {@value #DEFAULT_STEP} on inputs of order one, errors of about
 * 1e-4 are normal and 1e-2 or more mean a wrong derivative. A whole network's loss carries more round-off
 * (float32 products and sums in every layer), about 1e-5 absolute in each numeric gradient whatever h: check it
 * with h near 1e-2 and a floor near 1e-2, so that small gradients are held to an absolute rather than a relative
 * tolerance. Points within {@code h} of a kink (relu at 0) give meaningless numbers; callers choose points away
 * from them.
 */
public final class GradientChecker {
    public static final double DEFAULT_STEP = 1e-3;
    public static final double DEFAULT_FLOOR = 1e-6;

    private final double step;
    private final double floor;

    /** The worst coordinate found: its error, where it was, and the two gradients there. */
    public record Report(double maxRelativeError, String where, double analytic, double numeric, int checked) {
        @Override
        public String toString() {
            return String.format("max relative error %.3g at %s (analytic %.8g, numeric %.8g; %d coordinates)",
                    maxRelativeError, where, analytic, numeric, checked);
        }
    }

    public GradientChecker() {
        this(DEFAULT_STEP, DEFAULT_FLOOR);
    }

    /**
     * @param step  the perturbation h, positive
     * @param floor the smallest denominator of the relative error, positive
     */
    public GradientChecker(double step, double floor) {
        if (!(step > 0) || !(floor > 0)) {
            throw new IllegalArgumentException("step and floor must be positive, got " + step + " and " + floor);
        }
        this.step = step;
        this.floor = floor;
    }

    /**
     * Checks {@code backward} against {@code forward} at the points {@code z}, through the scalar
     * {@code L = Σ g·f(z)} for a fixed random upstream gradient g. Every input element is perturbed and the whole
     * matrix is run forward, so elementwise and row-wise functions (softmax) are checked alike, including the
     * off-diagonal terms of a row-wise Jacobian. {@code z} is left as it was.
     */
    public Report check(Activation.Function f, Matrix z, Rng rng) {
        Matrix g = new Matrix(z.rows(), z.cols());
        for (int i = 0; i < g.size(); i++) {
            g.data()[i] = (float) rng.uniform(-1, 1);
        }
        Matrix a = new Matrix(z.rows(), z.cols());
        Matrix gradZ = new Matrix(z.rows(), z.cols());
        f.forward(z, a);
        f.backward(z, a, g, gradZ);
        float[] analytic = gradZ.data().clone();
        Worst worst = new Worst();
        float[] zs = z.data();
        for (int i = 0; i < zs.length; i++) {
            float saved = zs[i];
            float plus = (float) (saved + step);
            float minus = (float) (saved - step);
            zs[i] = plus;
            f.forward(z, a);
            double up = dot(g, a);
            zs[i] = minus;
            f.forward(z, a);
            double down = dot(g, a);
            zs[i] = saved;
            double numeric = (up - down) / ((double) plus - (double) minus);
            worst.offer(analytic[i], numeric, "z[" + i / z.cols() + "][" + i % z.cols() + "] = " + saved);
        }
        return worst.report();
    }

    /**
     * Checks a loss's gradient against central differences of the loss itself, at the network outputs
     * {@code outputs} for {@code targets}. {@code outputs} is left as it was.
     */
    public Report check(Loss loss, Matrix outputs, Matrix targets) {
        Matrix grad = new Matrix(outputs.rows(), outputs.cols());
        Matrix scratch = new Matrix(outputs.rows(), outputs.cols());
        loss.lossAndGradient(outputs, targets, grad);
        Worst worst = new Worst();
        float[] os = outputs.data();
        for (int i = 0; i < os.length; i++) {
            float saved = os[i];
            float plus = (float) (saved + step);
            float minus = (float) (saved - step);
            os[i] = plus;
            double up = loss.lossAndGradient(outputs, targets, scratch);
            os[i] = minus;
            double down = loss.lossAndGradient(outputs, targets, scratch);
            os[i] = saved;
            double numeric = (up - down) / ((double) plus - (double) minus);
            worst.offer(grad.data()[i], numeric, "output[" + i / outputs.cols() + "][" + i % outputs.cols() + "] = " + saved);
        }
        return worst.report();
    }

    /**
     * Checks that {@code addGradient} adds the derivative of {@code penalty} for the weights {@code w} and batch
     * size {@code m}. The gradient buffer starts with random values, so a term that overwrites instead of adding
     * fails too. {@code w} is left as it was.
     */
    public Report check(Regularizer.WeightPenalty term, Matrix w, int m, Rng rng) {
        Matrix grad = new Matrix(w.rows(), w.cols());
        float[] before = new float[grad.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = (float) rng.uniform(-1, 1);
        }
        System.arraycopy(before, 0, grad.data(), 0, before.length);
        term.addGradient(w, grad, m);
        Worst worst = new Worst();
        float[] ws = w.data();
        for (int i = 0; i < ws.length; i++) {
            double analytic = (double) grad.data()[i] - before[i];
            float saved = ws[i];
            float plus = (float) (saved + step);
            float minus = (float) (saved - step);
            ws[i] = plus;
            double up = term.penalty(w, m);
            ws[i] = minus;
            double down = term.penalty(w, m);
            ws[i] = saved;
            double numeric = (up - down) / ((double) plus - (double) minus);
            worst.offer(analytic, numeric, "w[" + i / w.cols() + "][" + i % w.cols() + "] = " + saved);
        }
        return worst.report();
    }

    /** Checks every parameter gradient of {@code net} for the loss on one batch; see the overload. */
    public Report check(Network net, Matrix inputs, Matrix targets) {
        return check(net, inputs, targets, List.of());
    }

    /**
     * Checks every parameter gradient of {@code net} for its loss on one batch plus the penalties of
     * {@code weightTerms} on the non-bias parameters, exactly as the training loop adds them. The network runs in
     * inference mode, so it must be deterministic there: a network with a layer that draws random numbers
     * (dropout) is refused, because that layer's backward pass needs a training-mode forward pass. Parameter values
     * are left as they were; their gradients hold the analytic gradient afterwards.
     */
    public Report check(Network net, Matrix inputs, Matrix targets, List<Regularizer.WeightPenalty> weightTerms) {
        for (Stage s : net.stages()) {
            if (s.random() != null) {
                throw new IllegalArgumentException("cannot gradient-check a network with the stochastic layer '"
                        + s.describe() + "'; check the network without it");
            }
        }
        Matrix grad = new Matrix(inputs.rows(), net.outputSize());
        Matrix out = net.forward(inputs, false);
        net.loss().lossAndGradient(out, targets, grad);
        net.backward(grad);
        List<float[]> analytic = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            if (!p.isBias()) {
                for (Regularizer.WeightPenalty t : weightTerms) {
                    t.addGradient(p.value(), p.grad(), inputs.rows());
                }
            }
            analytic.add(p.grad().data().clone());
        }
        Worst worst = new Worst();
        for (int k = 0; k < net.parameters().size(); k++) {
            Parameter p = net.parameters().get(k);
            float[] ws = p.value().data();
            for (int i = 0; i < ws.length; i++) {
                float saved = ws[i];
                float plus = (float) (saved + step);
                float minus = (float) (saved - step);
                ws[i] = plus;
                double up = loss(net, inputs, targets, grad, weightTerms);
                ws[i] = minus;
                double down = loss(net, inputs, targets, grad, weightTerms);
                ws[i] = saved;
                double numeric = (up - down) / ((double) plus - (double) minus);
                worst.offer(analytic.get(k)[i], numeric,
                        p.name() + "[" + i / p.value().cols() + "][" + i % p.value().cols() + "]");
            }
        }
        return worst.report();
    }

    private static double loss(Network net, Matrix inputs, Matrix targets, Matrix scratch, List<Regularizer.WeightPenalty> terms) {
        double loss = net.loss().lossAndGradient(net.forward(inputs, false), targets, scratch);
        for (Parameter p : net.parameters()) {
            if (!p.isBias()) {
                for (Regularizer.WeightPenalty t : terms) {
                    loss += t.penalty(p.value(), inputs.rows());
                }
            }
        }
        return loss;
    }

    private static double dot(Matrix g, Matrix a) {
        float[] gs = g.data();
        float[] as = a.data();
        double sum = 0;
        for (int i = 0; i < gs.length; i++) {
            sum += (double) gs[i] * as[i];
        }
        return sum;
    }

    private final class Worst {
        private double error = -1;
        private String where = "nowhere";
        private double analytic;
        private double numeric;
        private int checked;

        void offer(double a, double n, String at) {
            checked++;
            double e = Math.abs(a - n) / Math.max(floor, Math.max(Math.abs(a), Math.abs(n)));
            // NaN compares false with everything: once seen it must win and stay, not hide.
            if (Double.isNaN(error)) {
                return;
            }
            if (Double.isNaN(e) || e > error) {
                error = e;
                where = at;
                analytic = a;
                numeric = n;
            }
        }

        Report report() {
            return new Report(checked == 0 ? 0 : error, where, analytic, numeric, checked);
        }
    }
}
