package dev.tensile.spi;

import java.nio.file.Path;
import java.util.List;

import dev.tensile.tensor.Matrix;

/**
 * What callbacks see of a training run, and how they steer it. The engine implements it; a listener gets the same
 * context at every event of one run.
 */
public interface TrainingContext {

    /** Epochs the run was asked for. */
    int epochs();

    int stepsPerEpoch();

    /** Examples in the training set. */
    int trainSize();

    /** Every epoch this run has logged so far, in order (a continued run's earlier epochs are not among them). */
    List<EpochLog> history();

    /**
     * Records a warning of a monitor's checks (once per {@code kind}) with the epoch it fired in, in the model's
     * history: saved model files and checkpoints keep it, and reports show it. The default ignores it.
     */
    default void recordWarning(int step, String kind, String layer, String message) {
    }

    /** Steps taken into the current epoch; 0 before its first step and after its last. */
    int stepInEpoch();

    /** Whole epochs completed, those of the run a resumed run continues included. */
    int epochsDone();

    /** The rate the schedule scales; the optimizer's current rate is this times the schedule's factor. */
    double baseLearningRate();

    /** Changes the base rate from the next step on (reduce-on-plateau does this); a positive finite number. */
    void setBaseLearningRate(double rate);

    /** Ends training after the current batch; the reason is reported to the user. */
    void requestStop(String reason);

    boolean stopRequested();

    /** Why the run was asked to stop; null while nobody asked. */
    String stopReason();

    /**
     * The values of every trainable parameter, in network order (the layers' slots in order). Listeners may copy
     * them and write them back between steps (early stopping restores the best weights this way).
     */
    List<Matrix> parameters();

    /**
     * Writes a checkpoint of the run as it stands to {@code file}, replacing it atomically. Whoever runs the training
     * installs the writer (a script session does);
     *
     * @throws IllegalStateException when none is installed (plain Java training), saying what to do instead
     */
    void writeCheckpoint(Path file);
}
