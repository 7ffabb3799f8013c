package dev.tensile.spark;

import java.util.List;

import dev.tensile.nn.Parameter;
import dev.tensile.spi.Regularizer;
import dev.tensile.train.Gradients;
import dev.tensile.train.TrainingConfig;

/**
 * The second half of a training step as {@code TrainingLoop} takes it, for synchronous SGD, where the first half
 * (forward and backward) ran on the executors: weight-regularizer penalty and gradients, the NaN guard with clipping,
 * and the weight constraints after the optimizer step. The order of operations is the loop's, so one partition
 * repeats the single-machine run bit for bit.
 */
final class DriverStep {
    private DriverStep() {
    }

    static double penalty(TrainingConfig config, List<Parameter> params, int rows) {
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

    static void addRegularizerGradients(TrainingConfig config, List<Parameter> params, int rows) {
        for (Regularizer.WeightPenalty r : config.penalties()) {
            for (Parameter p : params) {
                if (!p.isBias()) {
                    r.addGradient(p.value(), p.grad(), rows);
                }
            }
        }
    }

    static void constrain(TrainingConfig config, List<Parameter> params) {
        for (Regularizer.WeightConstraint r : config.constraints()) {
            for (Parameter p : params) {
                if (!p.isBias()) {
                    r.constrain(p.value());
                }
            }
        }
    }

    /**
     * Clips the gradient as configured and returns its global norm before clipping; NaN when a gradient holds a NaN
     * or an infinity (then {@code badParameter[0]} names it and nothing is clipped).
     */
    static double clipAndNorm(TrainingConfig config, List<Parameter> params, String[] badParameter) {
        double total = 0;
        for (Parameter p : params) {
            double ss = Gradients.sumOfSquares(p.grad().data());
            if (!Double.isFinite(ss)) {
                if (Vectors.firstNonFinite(p.grad().data()) >= 0) {
                    badParameter[0] = p.name();
                    return Double.NaN;
                }
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
}
