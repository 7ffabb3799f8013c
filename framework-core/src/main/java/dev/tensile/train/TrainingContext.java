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

    TrainingContext(Network network, Optimizer optimizer, History history, int epochs, int stepsPerEpoch, int trainSize) {
        this.network = network;
        this.optimizer = optimizer;
        this.history = history;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.trainSize = trainSize;
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
}
