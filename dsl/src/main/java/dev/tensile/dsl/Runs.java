package dev.tensile.dsl;

import java.nio.file.Path;
import java.util.Map;

import org.tribuo.Output;

import dev.tensile.io.Checkpoints;
import dev.tensile.spi.Callback;
import dev.tensile.train.MemoryEstimate;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingContext;
import dev.tensile.tribuo.NetworkModel;
import dev.tensile.tribuo.NetworkTrainer;

/**
 * The training runs of a session: a {@code train { }} block's fresh run or resumed one, {@code retrain}'s
 * continuation, and what every run gets: interrupts ({@link RunInterrupts}) and a checkpoint writer for the
 * {@code checkpoint} callback (the trainer's view of the run, written by {@link Checkpoints}). Classifiers and
 * regressors alike: the data's kind picks the trainer.
 */
final class Runs {
    private final Session session;
    private final RunInterrupts interrupts = new RunInterrupts();
    private NetworkTrainer<?, ?> trainer;
    private TrainPlan plan;
    private Path resumeFrom;

    Runs(Session session) {
        this.session = session;
    }

    RunInterrupts interrupts() {
        return interrupts;
    }

    /** The trainer of the last {@code train { }} block (null before one, or after a model was loaded). */
    NetworkTrainer<?, ?> trainer() {
        return trainer;
    }

    /** The plan of the last {@code train { }} block (null before one). */
    TrainPlan plan() {
        return plan;
    }

    /** Forgets the last trainer: a loaded model's training cannot be continued (model files are not checkpoints). */
    void forget() {
        trainer = null;
    }

    void resumeFrom(Path checkpoint) {
        this.resumeFrom = checkpoint;
    }

    boolean resumePending() {
        return resumeFrom != null;
    }

    /** Runs a {@code train { }} block on {@code data}: afresh, or from the checkpoint it (or {@code --resume}) names. */
    NetworkModel<?> train(TrainBlock block, DataSplits<?> data) {
        TrainPlan p = block.toPlan(Session.DEFAULT_SEED, session.seedOverride(), listener());
        plan = p;
        MemoryEstimate.forTraining(session.modelSpec(), p, data.train().size(), data.dev() == null ? 0 : data.dev().size()).check();
        Path from = resumeFrom != null ? resumeFrom : block.resumeFile() == null ? null : session.resolve(block.resumeFile());
        resumeFrom = null;
        NetworkModel<?> model = from != null ? resume(from, p, data) : fit(p, data);
        interrupts.afterRun(model, plan, session.registry());
        return model;
    }

    private <T extends Output<T>> NetworkModel<T> fit(TrainPlan p, DataSplits<T> data) {
        NetworkTrainer<T, ?> t = data.trainer(session.modelSpec(), p, session.registry(), session.builder());
        trainer = t;
        return t.fit(data.train(), data.dev(), Map.of());
    }

    private NetworkModel<?> resume(Path file, TrainPlan p, DataSplits<?> data) {
        Checkpoints.Checkpoint c = Resume.open(file, session.builder(), session.modelSpec(), p, data.scaling());
        trainer = data.trainer(session.modelSpec(), p, session.registry(), session.builder());
        NetworkModel<?> model = c.model();
        model.resumeFrom(c.state());
        int more = p.epochs() - c.state().epochsDone();
        if (more < 1) {
            session.out().printf("resume: %s has already trained %d of %d epochs; nothing to do%n", file,
                    c.state().epochsDone(), p.epochs());
            return model;
        }
        session.out().printf("resuming from %s after epoch %d%s, up to epoch %d%n", file, c.state().epochsDone(),
                c.state().stepInEpoch() > 0 ? " and " + c.state().stepInEpoch() + " steps of the next" : "", p.epochs());
        continueFit(trainer, model, data, more);
        return model;
    }

    /** Trains {@code model} for {@code epochs} more epochs (null: as many as its train block said). */
    void continueTraining(NetworkModel<?> model, DataSplits<?> data, Integer epochs) {
        if (model == null || trainer == null) {
            throw new DslException("nothing to continue: train a model with a train { } block first");
        }
        int more = epochs != null ? epochs : plan.epochs();
        if (more < 1) {
            throw new DslException("epochs must be at least 1, got " + more);
        }
        continueFit(trainer, model, data, more);
        interrupts.afterRun(model, plan, session.registry());
    }

    /** The trainer, model and data share one output kind: each was made for the model's loss. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void continueFit(NetworkTrainer trainer, NetworkModel<?> model, DataSplits<?> data, int more) {
        trainer.continueFit(model, data.train(), data.dev(), more);
    }

    /** The listener every run of this session gets: interrupts, and the writer the checkpoint callback uses. */
    private Callback.Listener listener() {
        return new Callback.Listener() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                interrupts.onTrainBegin();
                context.setCheckpointWriter((path, ctx) -> Checkpoints.save(session.output(path.toString()),
                        trainer.midRun(ctx.network(), ctx.history()), ctx.state(), plan.optimizer(), session.registry()));
            }

            @Override
            public void onBatchEnd(TrainingContext context, int step, double loss) {
                interrupts.onBatchEnd(context, step);
            }

            @Override
            public void onTrainEnd(TrainingContext context) {
                interrupts.onTrainEnd();
            }
        };
    }
}
