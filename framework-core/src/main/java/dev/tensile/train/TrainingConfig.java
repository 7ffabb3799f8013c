package dev.tensile.train;

import java.util.List;

import dev.tensile.optim.Optimizer;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;

/**
 * How to train: every choice the loop needs, already bound to plugin workers.
 *
 * @param epochs             passes over the training set, at least 1
 * @param batchSize          examples per step, at least 1
 * @param seed               drives shuffling and augmentation
 * @param optimizer          the update rule
 * @param weightRegularizers applied to every non-bias parameter
 * @param augmenters         applied to each training batch in order
 * @param callbacks          notified in order at each event
 */
public record TrainingConfig(int epochs, int batchSize, long seed, Optimizer optimizer,
                             List<Regularizer.Term> weightRegularizers,
                             List<Augmentation.Augmenter> augmenters,
                             List<Callback.Listener> callbacks) {
    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        weightRegularizers = List.copyOf(weightRegularizers);
        augmenters = List.copyOf(augmenters);
        callbacks = List.copyOf(callbacks);
    }
}
