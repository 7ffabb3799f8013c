package dev.tensile.train;

import dev.tensile.nn.Network;
import dev.tensile.optim.Optimizer;

/** What callbacks see of a training run, and how they steer it. */
public final class TrainingContext {
    private final Network network;
    private final Optimizer optimizer;
    private final History history;
    private final int epochs;
    private final int stepsPerEpoch;
    private final int trainSize;
    private String stopReason;
    private double baseLearningRate;
    private java.util.function.Supplier<TrainingState> stateSource;
    private CheckpointWriter checkpointWriter;
    private java.util.List<dev.tensile.spi.Callback.Listener> listeners = java.util.List.of();

    TrainingContext(Network network, Optimizer optimizer, History history, int epochs, int stepsPerEpoch, int trainSize) {
        this.network = network;
        this.optimizer = optimizer;
        this.history = history;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.trainSize = trainSize;
        this.baseLearningRate = optimizer.learningRate();
    }

    public Network network() {
        return network;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public History history() {
        return history;
    }

    /** Epochs the run was asked for. */
    public int epochs() {
        return epochs;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public int trainSize() {
        return trainSize;
    }

    /** The rate the schedule scales; the optimizer's current rate is this times the schedule's factor. */
    public double baseLearningRate() {
        return baseLearningRate;
    }

    void listeners(java.util.List<dev.tensile.spi.Callback.Listener> all) {
        this.listeners = all;
    }

    /**
     * Every listener's {@link dev.tensile.spi.Callback.Listener#checkpointState()} that is not empty, keyed by its
     * position and class ({@code 2:dev.tensile.plugins.callbacks.EarlyStopping$1}): the same script binds the same
     * listeners in the same order, so a resume finds each one's state again.
     */
    public java.util.Map<String, java.util.Map<String, Double>> callbackStates() {
        java.util.Map<String, java.util.Map<String, Double>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < listeners.size(); i++) {
            java.util.Map<String, Double> s = listeners.get(i).checkpointState();
            if (!s.isEmpty()) {
                out.put(i + ":" + listeners.get(i).getClass().getName(), java.util.Map.copyOf(s));
            }
        }
        return out;
    }

    /** Gives each listener the state {@link #callbackStates()} saved for it; returns how many took one. */
    public int restoreCallbackStates(java.util.Map<String, java.util.Map<String, Double>> states) {
        int restored = 0;
        for (int i = 0; i < listeners.size(); i++) {
            java.util.Map<String, Double> s = states.get(i + ":" + listeners.get(i).getClass().getName());
            if (s != null) {
                listeners.get(i).restoreState(s);
                restored++;
            }
        }
        return restored;
    }

    /** Changes the base rate from the next step on (reduce-on-plateau does this). */
    public void setBaseLearningRate(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + rate);
        }
        this.baseLearningRate = rate;
    }

    /** Ends training after the current batch; the reason is reported to the user. */
    public void requestStop(String reason) {
        this.stopReason = reason;
    }

    public boolean stopRequested() {
        return stopReason != null;
    }

    public String stopReason() {
        return stopReason;
    }

    /**
     * The context of a run that another trainer than {@link TrainingLoop} drives (a cluster backend, see
     * {@code dev.tensile.distributed}), with where it stands for checkpoints.
     */
    public static TrainingContext of(Network network, Optimizer optimizer, History history, int epochs,
                                     int stepsPerEpoch, int trainSize, java.util.function.Supplier<TrainingState> state) {
        TrainingContext ctx = new TrainingContext(network, optimizer, history, epochs, stepsPerEpoch, trainSize);
        ctx.stateSource(state);
        return ctx;
    }

    void stateSource(java.util.function.Supplier<TrainingState> source) {
        this.stateSource = source;
    }

    /**
     * Where the run stands now, for a checkpoint: epochs done, step, order, random streams, the live optimizer (write
     * it out before the next step changes it).
     */
    public TrainingState state() {
        if (stateSource == null) {
            throw new IllegalStateException("the run has not started");
        }
        return stateSource.get();
    }

    /** Writes a checkpoint of the run as it stands; whoever runs the training installs one (a script session does). */
    @FunctionalInterface
    public interface CheckpointWriter {
        void write(java.nio.file.Path file, TrainingContext context);
    }

    /** Installs how checkpoints of this run are written (a listener does this in {@code onTrainBegin}). */
    public void setCheckpointWriter(CheckpointWriter writer) {
        this.checkpointWriter = writer;
    }

    /** How checkpoints of this run are written; null when nobody installed a writer (plain Java training). */
    public CheckpointWriter checkpointWriter() {
        return checkpointWriter;
    }
}
