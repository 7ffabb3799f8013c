package dev.tensile.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.optim.Optimizer;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;

/**
 * The engine's {@link TrainingContext}: what callbacks see, plus what the code that runs training needs (the network,
 * the optimizer, the live state for checkpoints, the checkpoint writer it installs).
 */
public final class RunContext implements TrainingContext {
    private final Network network;
    private final Optimizer optimizer;
    private final History history;
    private final int epochs;
    private final int stepsPerEpoch;
    private final int trainSize;
    private final List<Matrix> parameters;
    private String stopReason;
    private double baseLearningRate;
    private Supplier<TrainingState> stateSource;
    private CheckpointWriter checkpointWriter;
    private java.util.List<dev.tensile.spi.Callback.Listener> listeners = java.util.List.of();

    RunContext(Network network, Optimizer optimizer, History history, int epochs, int stepsPerEpoch, int trainSize) {
        this.network = network;
        this.optimizer = optimizer;
        this.history = history;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.trainSize = trainSize;
        this.baseLearningRate = optimizer.learningRate();
        List<Matrix> values = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            values.add(p.value());
        }
        this.parameters = Collections.unmodifiableList(values);
    }

    public Network network() {
        return network;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The run's history as the engine keeps it. */
    public History runHistory() {
        return history;
    }

    @Override
    public List<EpochLog> history() {
        return history.epochs();
    }

    @Override
    public void recordWarning(int step, String kind, String layer, String message) {
        history.observations().warn(new Observations.Warning(epochsDone() + 1, step, kind, layer, message));
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    @Override
    public int trainSize() {
        return trainSize;
    }

    @Override
    public int stepInEpoch() {
        return state().stepInEpoch();
    }

    @Override
    public int epochsDone() {
        return state().epochsDone();
    }

    @Override
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

    @Override
    public void setBaseLearningRate(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + rate);
        }
        this.baseLearningRate = rate;
    }

    @Override
    public void requestStop(String reason) {
        this.stopReason = reason;
    }

    @Override
    public boolean stopRequested() {
        return stopReason != null;
    }

    @Override
    public String stopReason() {
        return stopReason;
    }

    @Override
    public List<Matrix> parameters() {
        return parameters;
    }

    /**
     * The context of a run that another trainer than {@link TrainingLoop} drives (a cluster backend, see
     * {@code dev.tensile.distributed}), with where it stands for checkpoints.
     */
    public static RunContext of(Network network, Optimizer optimizer, History history, int epochs,
                                     int stepsPerEpoch, int trainSize, java.util.function.Supplier<TrainingState> state) {
        RunContext ctx = new RunContext(network, optimizer, history, epochs, stepsPerEpoch, trainSize);
        ctx.stateSource(state);
        return ctx;
    }

    void stateSource(Supplier<TrainingState> source) {
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

    /** Writes a checkpoint of a run as it stands; whoever runs the training installs one (a script session does). */
    @FunctionalInterface
    public interface CheckpointWriter {
        void write(Path file, RunContext context);
    }

    /** Installs how checkpoints of this run are written (a listener does this in {@code onTrainBegin}). */
    public void setCheckpointWriter(CheckpointWriter writer) {
        this.checkpointWriter = writer;
    }

    @Override
    public void writeCheckpoint(Path file) {
        if (checkpointWriter == null) {
            throw new IllegalStateException("this run has no checkpoint writer (scripts have one;"
                    + " in Java, save with dev.tensile.io.Checkpoints.save after fit)");
        }
        checkpointWriter.write(file, this);
    }
}
