package dev.tensile.spi;

import dev.tensile.train.EpochLog;
import dev.tensile.train.TrainingContext;

/**
 * Watches and steers training. Several callbacks run in the order the script lists them, at each event.
 * To end training early a listener calls {@link TrainingContext#requestStop(String)}.
 */
public interface Callback extends Plugin {

    Listener create(Params params);

    /** The bound callback; every event has an empty default. */
    interface Listener {
        default void onTrainBegin(TrainingContext context) {
        }

        default void onEpochBegin(TrainingContext context, int epoch) {
        }

        default void onBatchEnd(TrainingContext context, int step, double loss) {
        }

        default void onEpochEnd(TrainingContext context, EpochLog log) {
        }

        default void onTrainEnd(TrainingContext context) {
        }
    }
}
