package dev.tensile.train;

import dev.tensile.optim.Optimizer;
import dev.tensile.tensor.Rng;

/**
 * Where a training run stands after an epoch: everything, beside the weights, that continuing needs so that
 * training 5 epochs and then 5 more gives the same weights, bit for bit, as training 10.
 *
 * @param epochsDone       epochs completed
 * @param step             optimizer steps taken
 * @param order            the example order the next shuffle starts from
 * @param shuffle          the shuffling stream's position
 * @param augment          the augmentation stream's position
 * @param optimizer        the optimizer with its state (moments, velocities)
 * @param baseLearningRate the base rate as callbacks left it
 */
public record TrainingState(int epochsDone, int step, int[] order, Rng.State shuffle, Rng.State augment,
                            Optimizer optimizer, double baseLearningRate) {
}
