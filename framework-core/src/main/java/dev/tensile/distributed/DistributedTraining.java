package dev.tensile.distributed;

import dev.tensile.spi.Params;
import dev.tensile.spi.Plugin;
import dev.tensile.train.TrainingLoop;

/**
 * Trains a network on several workers instead of this thread, listed in
 * {@code META-INF/services/dev.tensile.distributed.DistributedTraining}. Its {@link #parameters()} are the options a
 * script's {@code distributed} line may give, validated like plugin parameters before {@link #fit} is called.
 *
 * <p>The contract: {@code run.network()} ends holding the trained weights and {@code run.config().optimizer()} (or
 * {@code run.from().optimizer()} when continuing) its state, as after {@link TrainingLoop#fitFrom}; the callbacks of
 * {@code run.config()} run on the calling thread, in their usual order, so progress, early stopping and checkpoints
 * behave as in a local run.
 */
public interface DistributedTraining extends Plugin {

    TrainingLoop.Result fit(DistributedRun run, Params options);
}
