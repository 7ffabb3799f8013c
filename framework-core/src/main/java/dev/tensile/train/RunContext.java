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
    public double baseLearningRate() {
        return baseLearningRate;
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
