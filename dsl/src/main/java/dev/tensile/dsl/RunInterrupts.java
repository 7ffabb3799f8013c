package dev.tensile.dsl;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tensile.io.Checkpoints;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.train.TrainPlan;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.TrainingState;
import dev.tensile.tribuo.NetworkModel;

/**
 * Ctrl-C during training: a request (from a signal handler's thread) stops the run at the end of its batch, keeping
 * the weights reached; a session that checkpoints interrupts ({@code tensile run}) then writes one and ends the
 * script with {@link TrainingInterrupted}, while the shell goes on with the weights reached. A closed standard output
 * (the reader of a pipe exited) stops a run the same way.
 */
final class RunInterrupts {
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean training;
    private boolean interrupted;
    private Path checkpointFile;

    void request() {
        requested.set(true);
    }

    boolean isTraining() {
        return training;
    }

    /** Where an interrupted run writes its checkpoint; null keeps the weights reached and lets the script go on. */
    void checkpointTo(Path file) {
        this.checkpointFile = file;
    }

    void onTrainBegin() {
        requested.set(false);
        interrupted = false;
        training = true;
    }

    void onBatchEnd(TrainingContext context, int step) {
        if (requested.getAndSet(false)) {
            interrupted = true;
            context.requestStop("interrupted at step " + step + "; the weights reached are kept");
        } else if (System.out.checkError()) {
            // nobody reads the output any more (`tensile run x.groovy | head` after head exited): Java ignores
            // SIGPIPE and PrintStream swallows the write errors, so without this the run would train on unseen
            System.err.println("standard output was closed: stopping at the end of this batch");
            interrupted = true;
            context.requestStop("standard output closed at step " + step + "; the weights reached are kept");
        }
    }

    void onTrainEnd() {
        training = false;
    }

    /** After a run: if it was interrupted and interrupts are checkpointed, write one and end the script. */
    void afterRun(NetworkModel<?> model, TrainPlan plan, PluginRegistry registry, dev.tensile.io.RunRecord run) {
        if (interrupted && checkpointFile != null) {
            interrupted = false;
            TrainingState st = model.trainingState();
            Checkpoints.save(checkpointFile, model, st, plan.optimizer(), registry, run);
            throw new TrainingInterrupted(checkpointFile, st.stepInEpoch() > 0
                    ? "in epoch " + (st.epochsDone() + 1) + " after step " + st.step()
                    : "after epoch " + st.epochsDone());
        }
    }
}
