package dev.tensile.io;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code checkpoint} object of a checkpoint's {@code model.json} and its {@code rng.json} entry, as plain
 * records (see {@code docs/model-format.md}). {@link #validate} checks every field before anything is read by it.
 */
@JsonPropertyOrder({"epochsDone", "stepInEpoch", "step", "trainSize", "baseLearningRate", "optimizer", "run"})
record CheckpointJson(Integer epochsDone, Integer stepInEpoch, Integer step, Integer trainSize, Double baseLearningRate,
                      OptimizerJson optimizer, RunRecord run) {

    /**
     * Largest base learning rate a checkpoint may hold. No optimizer trains at 1000; a crafted 1e300 would turn
     * every weight infinite at the first step.
     */
    static final double MAX_LEARNING_RATE = 1000;

    /** Largest training set a checkpoint may describe (the order is one int per example). */
    static final int MAX_EXAMPLES = 1 << 30;

    /** The optimizer by name, with its parameters, step count and the names of its per-parameter arrays. */
    @JsonPropertyOrder({"name", "params", "steps", "slots"})
    record OptimizerJson(String name, Map<String, Object> params, Long steps, List<String> slots) {
    }

    /** Every random stream's position: shuffling, augmentation, and each dropout layer's (by layer number). */
    @JsonPropertyOrder({"shuffle", "augment", "layers"})
    record RngJson(StreamJson shuffle, StreamJson augment, Map<String, StreamJson> layers) {
    }

    /** One {@code Rng.State}; {@code spareGaussian} is null when no normal waits. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"seed", "position", "spareGaussian"})
    record StreamJson(Long seed, Long position, Double spareGaussian) {
    }

    void validate() throws BadBytes {
        require(epochsDone != null && epochsDone >= 0 && epochsDone <= ModelJson.MAX_EPOCHS, "checkpoint.epochsDone is missing or out of range");
        require(stepInEpoch != null && stepInEpoch >= 0, "checkpoint.stepInEpoch is missing or negative");
        require(trainSize == null || stepInEpoch < trainSize, "checkpoint.stepInEpoch " + stepInEpoch
                + " is beyond an epoch of " + trainSize + " examples");
        if (run != null) {
            run.validate();
            require(run.batchSize() == null || trainSize == null
                    || (long) stepInEpoch * run.batchSize() < trainSize, "checkpoint.stepInEpoch " + stepInEpoch
                    + " batches of " + run.batchSize() + " is beyond an epoch of " + trainSize + " examples");
        }
        require(step != null && step >= 0, "checkpoint.step is missing or negative");
        require(trainSize != null && trainSize >= 1 && trainSize <= MAX_EXAMPLES, "checkpoint.trainSize is missing or out of range");
        require(baseLearningRate != null && baseLearningRate > 0 && baseLearningRate <= MAX_LEARNING_RATE,
                "checkpoint.baseLearningRate must be a positive number up to " + (int) MAX_LEARNING_RATE + ", not "
                        + baseLearningRate);
        require(optimizer != null && optimizer.name() != null, "checkpoint.optimizer names no optimizer");
        require(optimizer.steps() != null && optimizer.steps() >= 0, "checkpoint.optimizer.steps is missing or negative");
        require(optimizer.slots() != null && optimizer.slots().size() <= 8, "checkpoint.optimizer.slots must list at most 8 names");
        for (String s : optimizer.slots()) {
            require(s != null && s.matches("[a-z][a-z0-9-]{0,31}"), "checkpoint.optimizer.slots has an invalid name");
        }
        if (optimizer.params() != null) {
            for (Map.Entry<String, Object> e : optimizer.params().entrySet()) {
                require(e.getValue() instanceof Number, "checkpoint.optimizer parameter '" + e.getKey() + "' must be a number");
            }
        }
    }

    static void validate(RngJson rng) throws BadBytes {
        require(rng != null, "rng.json is empty");
        check(rng.shuffle(), "shuffle");
        check(rng.augment(), "augment");
        require(rng.layers() != null, "rng.json has no layers object");
        for (Map.Entry<String, StreamJson> e : rng.layers().entrySet()) {
            check(e.getValue(), "layers." + e.getKey());
        }
    }

    private static void check(StreamJson s, String where) throws BadBytes {
        require(s != null && s.seed() != null && s.position() != null, "rng.json " + where + " needs seed and position");
    }

    private static void require(boolean ok, String problem) throws BadBytes {
        if (!ok) {
            throw new BadBytes(problem);
        }
    }
}
