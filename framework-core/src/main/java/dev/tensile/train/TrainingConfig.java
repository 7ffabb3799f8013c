package dev.tensile.train;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.optim.Optimizer;
import dev.tensile.optim.Schedule;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;

/**
 * How to train: every choice the loop needs, already bound to plugin workers.
 *
 * @param epochs             passes over the training set, at least 1
 * @param batchSize          examples per step, at least 1
 * @param seed               drives shuffling and augmentation
 * @param optimizer          the update rule; its learning rate at the start is the base rate
 * @param schedule           the factor on the base rate over time ({@link Schedule#CONSTANT} for none)
 * @param clipNorm           rescale the whole gradient when its global L2 norm exceeds this; 0 turns it off
 * @param clipValue          clamp every gradient element to [-clipValue, clipValue]; 0 turns it off
 * @param penalties          weight penalties (L1, L2), added to the loss and the gradients of every regularized slot
 * @param constraints        weight constraints (max-norm), applied to every regularized slot after each step
 * @param augmenters         applied to each training batch in order
 * @param callbacks          notified in order at each event
 */
public record TrainingConfig(int epochs, int batchSize, long seed, Optimizer optimizer, Schedule schedule,
                             double clipNorm, double clipValue,
                             List<Regularizer.WeightPenalty> penalties,
                             List<Regularizer.WeightConstraint> constraints,
                             List<Augmentation.Augmenter> augmenters,
                             List<Callback.Listener> callbacks) {
    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(clipNorm >= 0) || !(clipValue >= 0)) {
            throw new IllegalArgumentException("clipping limits must be positive (0 turns clipping off)");
        }
        penalties = List.copyOf(penalties);
        constraints = List.copyOf(constraints);
        augmenters = List.copyOf(augmenters);
        callbacks = List.copyOf(callbacks);
    }

    /** No schedule and no clipping; {@code regularizers} of both sorts. */
    public TrainingConfig(int epochs, int batchSize, long seed, Optimizer optimizer,
                          List<? extends Regularizer.Term> regularizers, List<Augmentation.Augmenter> augmenters,
                          List<Callback.Listener> callbacks) {
        this(epochs, batchSize, seed, optimizer, Schedule.CONSTANT, 0, 0, penalties(regularizers),
                constraints(regularizers), augmenters, callbacks);
    }

    /** The penalties among {@code terms}, in order. */
    public static List<Regularizer.WeightPenalty> penalties(List<? extends Regularizer.Term> terms) {
        List<Regularizer.WeightPenalty> out = new ArrayList<>();
        for (Regularizer.Term t : terms) {
            if (t instanceof Regularizer.WeightPenalty p) {
                out.add(p);
            }
        }
        return out;
    }

    /** The constraints among {@code terms}, in order. */
    public static List<Regularizer.WeightConstraint> constraints(List<? extends Regularizer.Term> terms) {
        List<Regularizer.WeightConstraint> out = new ArrayList<>();
        for (Regularizer.Term t : terms) {
            if (t instanceof Regularizer.WeightConstraint c) {
                out.add(c);
            }
        }
        return out;
    }
}
