package dev.tensile.io;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.tensile.train.TrainPlan;

/**
 * What a checkpoint records of the run that wrote it, beyond where training stands: the plan's settings a resume
 * compares with its own (batch size, epochs, schedule, warm-up, clipping), the command line's {@code -P} overrides,
 * each callback's state (early stopping's best value and patience used, ...) and when the run started. Absent
 * (null) in checkpoints written before it existed; each field is checked by {@link #validate} before use.
 *
 * @param callbacks callback name -> its numbers, as {@code Callback.Listener#checkpointState} gave them
 */
@JsonPropertyOrder({"epochs", "batchSize", "schedule", "warmupEpochs", "clipNorm", "clipValue", "overrides",
        "callbacks", "startedAt"})
public record RunRecord(Integer epochs, Integer batchSize, Map<String, Object> schedule, Double warmupEpochs,
                        Double clipNorm, Double clipValue, Map<String, String> overrides,
                        Map<String, Map<String, Double>> callbacks, String startedAt) {

    private static final int MAX_ENTRIES = 256;
    private static final int MAX_TEXT = 4096;

    /** The record of a run of {@code plan} with these overrides and callback states, started at {@code startedAt}. */
    public static RunRecord of(TrainPlan plan, Map<String, String> overrides, Map<String, Map<String, Double>> callbacks,
                               String startedAt) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("name", plan.schedule().name());
        plan.schedule().params().forEach((k, v) -> schedule.put(k, v instanceof Number n ? (Object) n.doubleValue() : String.valueOf(v)));
        return new RunRecord(plan.epochs(), plan.batchSize(), schedule, plan.warmupEpochs(), plan.clipNorm(),
                plan.clipValue(), new LinkedHashMap<>(overrides), callbacks, startedAt);
    }

    void validate() throws BadBytes {
        require(epochs == null || epochs >= 1 && epochs <= ModelJson.MAX_EPOCHS, "checkpoint.run.epochs is out of range");
        require(batchSize == null || batchSize >= 1 && batchSize <= CheckpointJson.MAX_EXAMPLES,
                "checkpoint.run.batchSize is out of range");
        for (Double d : new Double[] {warmupEpochs, clipNorm, clipValue}) {
            require(d == null || Double.isFinite(d) && d >= 0 && d <= 1e12, "checkpoint.run has a negative or absurd"
                    + " warm-up or clipping value");
        }
        require(schedule == null || schedule.size() <= MAX_ENTRIES, "checkpoint.run.schedule is too large");
        if (schedule != null) {
            for (Object v : schedule.values()) {
                require(v instanceof Number || v instanceof String s && s.length() <= MAX_TEXT,
                        "checkpoint.run.schedule holds a value that is not a number or a short text");
            }
        }
        require(overrides == null || overrides.size() <= MAX_ENTRIES, "checkpoint.run.overrides is too large");
        if (overrides != null) {
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                require(e.getValue() != null && e.getKey().length() <= MAX_TEXT && e.getValue().length() <= MAX_TEXT,
                        "checkpoint.run.overrides holds an empty or overlong entry");
            }
        }
        require(callbacks == null || callbacks.size() <= MAX_ENTRIES, "checkpoint.run.callbacks is too large");
        if (callbacks != null) {
            for (Map<String, Double> m : callbacks.values()) {
                require(m != null && m.size() <= MAX_ENTRIES && !m.containsValue(null),
                        "checkpoint.run.callbacks holds an empty or overlong state");
            }
        }
        require(startedAt == null || startedAt.length() <= 64, "checkpoint.run.startedAt is too long");
    }

    private static void require(boolean ok, String problem) throws BadBytes {
        if (!ok) {
            throw new BadBytes(problem);
        }
    }
}
