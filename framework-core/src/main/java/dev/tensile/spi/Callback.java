package dev.tensile.spi;

import java.util.List;

/**
 * Watches and steers training. To end training early a listener calls {@link TrainingContext#requestStop(String)}.
 *
 * <p>Order: at every event, begin and end hooks alike, listeners run in the order the script lists them (named
 * callbacks first, then closures such as {@code onEpochEnd { }}, then the session's own listener); end hooks are
 * not reversed. {@link Listener#onNonFinite} is asked of every listener, in that order, even after one has taken
 * the failure on.
 */
public interface Callback extends Plugin {

    Listener create(Params params);

    /**
     * The files a listener made with {@code params} will write, as the script gave them (a relative path is taken
     * next to the script); empty, the default, for none. A run checks their folders before its first epoch, so that
     * a missing or read-only folder is said before any training rather than after the first epoch.
     */
    default List<String> outputFiles(Params params) {
        return List.of();
    }

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

        /**
         * The run met a NaN or an infinity, before any optimizer step could spread it. Return true to end training
         * quietly instead (the run stops with {@code e}'s message as its reason); false, the default, lets the error
         * propagate.
         */
        default boolean onNonFinite(TrainingContext context, NonFiniteException e) {
            return false;
        }

        /**
         * How often (in steps) this listener wants {@link #onDiagnostics}; 0, the default, never. Diagnostics are
         * computed only when some listener asks, so they cost nothing otherwise.
         */
        default int diagnosticsEvery() {
            return 0;
        }

        /**
         * Numbers this listener needs to carry on after a resume (early stopping's best value and the epochs since
         * it), saved in checkpoints; empty, the default, for none. Called when a checkpoint is written.
         */
        default java.util.Map<String, Double> checkpointState() {
            return java.util.Map.of();
        }

        /**
         * Puts back what {@link #checkpointState()} gave, when a run resumes from a checkpoint; called after every
         * listener's {@link #onTrainBegin}. Names this version does not know are ignored.
         */
        default void restoreState(java.util.Map<String, Double> state) {
        }

        /** Per-layer activation spread and weight-gradient norms, in layer order, every {@link #diagnosticsEvery()} steps. */
        default void onDiagnostics(TrainingContext context, int step, List<LayerStats> layers) {
        }
    }
}
