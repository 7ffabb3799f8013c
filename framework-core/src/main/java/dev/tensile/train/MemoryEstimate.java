package dev.tensile.train;

import dev.tensile.nn.ModelPlan;
import dev.tensile.optim.Optimizers;

/**
 * What a model and its training will take of the heap, estimated from the description alone, before anything is
 * allocated, so that a model too large for the JVM stops with one line instead of an {@code OutOfMemoryError}
 * mid-epoch. Counted in float32 values: every parameter with its gradient and the optimizer's arrays per parameter
 * (Adam 2, momentum and RMSProp 1); per layer, the buffers its plugin says it keeps for a full batch, and its
 * activation's output and gradient, twice over (the last short batch and the dev chunks keep their own); the
 * training and dev matrices; and, when the caller says, the Tribuo datasets a run keeps beside them
 * ({@link #withTribuoData}: a 200 MB CSV passed the check without them at -Xmx512m and then ran out of memory after
 * epoch 1). The JVM's overhead is not counted: the estimate is a floor, not a promise.
 *
 * @param parameters  parameter values in the network
 * @param slots       optimizer arrays per parameter value
 * @param activations buffer values per layer, summed
 * @param data        values in the training and dev matrices
 * @param retained    bytes of Tribuo datasets the run keeps alive (0 when not counted)
 */
public record MemoryEstimate(long parameters, int slots, long activations, long data, long retained) {

    public MemoryEstimate(long parameters, int slots, long activations, long data) {
        this(parameters, slots, activations, data, 0);
    }

    /**
     * Bytes a Tribuo dataset of {@code examples} examples holding {@code values} feature values in all takes: an
     * {@code ArrayExample} stores a double and a name reference per value (12 bytes with compressed references,
     * arrays grown by half again), and per example its object, two arrays, output and metadata (about 200 bytes).
     */
    public static long tribuoBytes(long examples, long values) {
        return 200 * examples + 18 * values;
    }

    /** This estimate plus {@code bytes} of Tribuo datasets that stay in memory while the run trains. */
    public MemoryEstimate withTribuoData(long bytes) {
        return new MemoryEstimate(parameters, slots, activations, data, retained + bytes);
    }

    /** The network alone (its arrays and gradients), as building it allocates. */
    public static MemoryEstimate forNetwork(ModelPlan plan) {
        return new MemoryEstimate(plan.parameterCount(), 0, 0, 0);
    }

    /** The network, the optimizer's state, a batch's buffers through every layer, and the data as matrices. */
    public static MemoryEstimate forTraining(ModelPlan model, TrainPlan plan, long trainRows, long devRows) {
        int batch = (int) Math.max(1, Math.min(plan.batchSize(), trainRows));
        long act = 0;
        for (ModelPlan.Planned p : model.layers()) {
            act += p.plan().bufferValues(batch);
            if (p.activation() != null && !p.fused() && !p.inLayer()) {
                act += 2L * batch * p.output().size(); // the activation's output and gradient
            }
        }
        int slots = Optimizers.create(plan.optimizer()).slotsPerParameter();
        long data = (trainRows + devRows) * (model.input().size() + (long) model.output().size());
        return new MemoryEstimate(model.parameterCount(), slots, 2 * act, data);
    }

    /** Bytes: 4 per float32 value. */
    public long bytes() {
        return 4 * (parameters * (2 + slots) + activations + data) + retained;
    }

    /** Throws {@link TooLarge} when the estimate exceeds the JVM's maximum heap ({@code -Xmx}). */
    public void check() {
        check(Runtime.getRuntime().maxMemory());
    }

    void check(long maxHeap) {
        if (bytes() > maxHeap) {
            throw new TooLarge((activations > 0 ? "this model and its training need" : "this model needs") + " an estimated "
                    + size(bytes()) + " (" + String.format("%,d", parameters) + " parameters" + (slots > 0 ? " with " + slots
                    + " optimizer arrays each" : "") + (activations > 0 ? ", " + size(4 * activations) + " of batch buffers, "
                    + size(4 * data) + " of data" : "") + (retained > 0 ? ", " + size(retained)
                    + " of data as Tribuo holds it" : "") + ") but the JVM's maximum heap is " + size(maxHeap)
                    + "; use a smaller model or batch, or a larger heap (TENSILE_JAVA_OPTS=-Xmx...)");
        }
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format("%.1f MiB", bytes / (double) (1L << 20));
    }

    /** The estimate exceeds the heap; the message is one line with both figures. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }
}
