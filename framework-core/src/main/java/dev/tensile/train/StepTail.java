package dev.tensile.train;

import java.util.List;

import dev.tensile.nn.Parameter;
import dev.tensile.spi.Regularizer;

/**
 * What a training step does between backward and the next batch, apart from the optimizer: the weight penalties'
 * loss and gradients, the global gradient norm with the NaN/Inf guard and clipping, and the weight constraints.
 * {@link TrainingLoop} and distributed drivers (synchronous SGD applies the summed gradient on the driver) both call
 * these, in this order, so one partition repeats the single-machine run bit for bit. Biases are never penalised or
 * constrained.
 */
public final class StepTail {
    private StepTail() {
    }

    /** The weight penalties' share of the loss for a batch of {@code rows}. */
    public static double penalty(TrainingConfig config, List<Parameter> params, int rows) {
        double p = 0;
        for (Regularizer.WeightPenalty r : config.penalties()) {
            for (Parameter prm : params) {
                if (!prm.isBias()) {
                    p += r.penalty(prm.value(), rows);
                }
            }
        }
        return p;
    }

    /** Adds the weight penalties' gradients to the gradients backward accumulated. */
    public static void addPenaltyGradients(TrainingConfig config, List<Parameter> params, int rows) {
        for (Regularizer.WeightPenalty r : config.penalties()) {
            for (Parameter p : params) {
                if (!p.isBias()) {
                    r.addGradient(p.value(), p.grad(), rows);
                }
            }
        }
    }

    /** Applies the weight constraints (max-norm) after the optimizer step. */
    public static void constrain(TrainingConfig config, List<Parameter> params) {
        for (Regularizer.WeightConstraint r : config.constraints()) {
            for (Parameter p : params) {
                if (!p.isBias()) {
                    r.constrain(p.value());
                }
            }
        }
    }

    /**
     * The global gradient norm before clipping, then clipping as configured; NaN when a gradient holds a NaN or an
     * infinity, and then nothing is clipped (the caller stops before the optimizer spreads it; {@link
     * #nonFiniteGradient} names the parameter).
     */
    public static double clipAndNorm(TrainingConfig config, List<Parameter> params) {
        double total = 0;
        for (Parameter p : params) {
            double ss = Gradients.sumOfSquares(p.grad().data());
            if (!Double.isFinite(ss)) {
                if (firstNonFinite(p.grad().data()) >= 0) {
                    return Double.NaN;
                }
                // finite elements whose squares overflow even a double: the norm is effectively infinite
                ss = Double.MAX_VALUE;
            }
            total += ss;
        }
        double norm = Math.sqrt(total);
        if (config.clipValue() > 0) {
            Gradients.clipByValue(params, (float) config.clipValue());
        }
        if (config.clipNorm() > 0 && norm > config.clipNorm()) {
            Gradients.scale(params, (float) (config.clipNorm() / norm));
        }
        return norm;
    }

    /** The name of the first parameter whose gradient holds a NaN or an infinity, or null. */
    public static String nonFiniteGradient(List<Parameter> params) {
        for (Parameter p : params) {
            if (firstNonFinite(p.grad().data()) >= 0) {
                return p.name();
            }
        }
        return null;
    }

    /** The first index holding a NaN or an infinity, or -1. */
    public static int firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
