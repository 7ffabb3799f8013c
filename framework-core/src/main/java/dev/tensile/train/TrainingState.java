package dev.tensile.train;

import dev.tensile.optim.Optimizer;
import dev.tensile.tensor.Rng;

/**
 * Where a training run stands: everything, beside the weights, that continuing needs so that training 5 epochs and
 * then 5 more gives the same weights, bit for bit, as training 10. (Dropout layers keep their own random streams in
 * the network; a checkpoint file saves those too.)
 *
 * @param epochsDone       epochs completed
 * @param step             optimizer steps taken
 * @param order            the example order: the next shuffle starts from it, or, mid-epoch, the current epoch's
 * @param shuffle          the shuffling stream's position
 * @param augment          the augmentation stream's position
 * @param optimizer        the optimizer with its state (moments, velocities)
 * @param baseLearningRate the base rate as callbacks left it
 * @param stepInEpoch      batches of epoch {@code epochsDone + 1} already taken when the run was stopped inside it
 *                         (an interrupt); 0 at an epoch's end
 */
public record TrainingState(int epochsDone, int step, int[] order, Rng.State shuffle, Rng.State augment,
                            Optimizer optimizer, double baseLearningRate, int stepInEpoch) {

    /** A state at the end of an epoch. */
    public TrainingState(int epochsDone, int step, int[] order, Rng.State shuffle, Rng.State augment,
                         Optimizer optimizer, double baseLearningRate) {
        this(epochsDone, step, order, shuffle, augment, optimizer, baseLearningRate, 0);
    }
}
