package dev.tensile.dsl;

import java.nio.file.Path;
import java.util.Map;

import org.tribuo.Output;

import dev.tensile.distributed.Distribution;
import dev.tensile.io.CheckpointLock;
import dev.tensile.io.Checkpoints;
import dev.tensile.io.RunRecord;
import dev.tensile.spi.Callback;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.MemoryEstimate;
import dev.tensile.train.RunContext;
import dev.tensile.train.TrainPlan;
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
    /** The epochs the last train { } block says: what retrain without a number trains for. */
    private int blockEpochs;
    private Path resumeFrom;
    private String startedAt;
    /** Callback states a resumed run gives its listeners once they have begun; null when there are none. */
    private Map<String, Map<String, Double>> callbackStates;
    /** The callbacks' states as the last run left them (for a checkpoint written after it ends). */
    private Map<String, Map<String, Double>> lastStates = Map.of();
    /** Checkpoint paths this run writes, and the locks that tell another run so (see {@link CheckpointLock}). */
    private final java.util.Set<Path> claimed = new java.util.HashSet<>();
    private final java.util.List<CheckpointLock> locks = new java.util.ArrayList<>();
    /** Every train block trains on this cluster backend ({@code --spark}); null: only those that say distributed. */
    private Distribution distributeAll;

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

    /** Every {@code train { }} block trains distributed, with these options over the block's own ({@code --spark}). */
    void distributeAll(Distribution d) {
        d.bind(d.find());
        this.distributeAll = d;
    }

    private Distribution distribution(TrainBlock block) {
        Distribution d = block.distribution();
        return distributeAll == null ? d : d == null ? distributeAll : d.with(distributeAll);
    }

    /** Runs a {@code train { }} block on {@code data}: afresh, or from the checkpoint it (or {@code --resume}) names. */
    NetworkModel<?> train(TrainBlock block, DataSplits<?> data) {
        return train(block, data, null);
    }

    /**
     * Runs the last {@code train { }} block again, on a model { } written since: afresh (a checkpoint it names was of
     * the model before), for {@code epochs} (null: as many as the block says).
     */
    NetworkModel<?> trainAgain(TrainBlock block, DataSplits<?> data, Integer epochs) {
        if (epochs != null && epochs < 1) {
            throw new DslException("epochs must be at least 1, got " + epochs);
        }
        return train(block, data, epochs == null ? -1 : epochs);
    }

    /** @param epochs null: the block as written; -1: afresh with the block's epochs; else afresh with this many */
    private NetworkModel<?> train(TrainBlock block, DataSplits<?> data, Integer epochs) {
        TrainPlan p = block.toPlan(Session.DEFAULT_SEED, session.seedOverride(), listener());
        blockEpochs = p.epochs();
        if (epochs != null && epochs > 0) {
            p = p.withEpochs(epochs);
        }
        plan = p;
        startedAt = java.time.OffsetDateTime.now().toString();
        MemoryEstimate.forTraining(session.builder().plan(session.modelSpec()), p, data.train().size(),
                data.dev() == null ? 0 : data.dev().size()).withTribuoData(tribuoBytes(data)).check();
        Path from = epochs != null ? null : resumeFrom != null ? resumeFrom
                : block.resumeFile() == null ? null : session.resolve(block.resumeFile());
        resumeFrom = null;
        NetworkModel<?> model = from != null ? resume(from, p, data, distribution(block)) : fit(p, data, distribution(block));
        interrupts.afterRun(model, plan, session.registry(), runRecord());
        return model;
    }

    private <T extends Output<T>> NetworkModel<T> fit(TrainPlan p, DataSplits<T> data, Distribution distribution) {
        NetworkTrainer<T, ?> t = data.trainer(session.modelSpec(), p, session.registry(), session.builder());
        t.distribute(distribution);
        trainer = t;
        return t.fit(data.train(), data.dev(), Map.of());
    }

    private NetworkModel<?> resume(Path file, TrainPlan p, DataSplits<?> data, Distribution distribution) {
        Checkpoints.Checkpoint c = Resume.open(file, session.builder(), session.modelSpec(), p, data.scaling(),
                data.train(), session.properties(), session.out());
        trainer = data.trainer(session.modelSpec(), p, session.registry(), session.builder());
        trainer.distribute(distribution);
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
        callbackStates = c.run() == null || c.run().callbacks() == null ? null : c.run().callbacks();
        return continueFit(trainer, model, data, more, true);
    }

    /** The Tribuo datasets the session keeps while the run trains (for evaluate() afterwards), in bytes. */
    private static long tribuoBytes(DataSplits data) {
        long examples = 0;
        long values = 0;
        for (org.tribuo.Dataset<?> d : new org.tribuo.Dataset<?>[] {data.train(), data.dev(), data.test()}) {
            if (d != null) {
                for (org.tribuo.Example<?> ex : d) {
                    examples++;
                    values += ex.size();
                }
            }
        }
        return MemoryEstimate.tribuoBytes(examples, values);
    }

    /** What checkpoints of the current run record of it: the plan, the -P overrides, callback states, the start. */
    RunRecord runRecord() {
        return RunRecord.of(plan, session.properties(), lastStates, startedAt);
    }

    /** Trains {@code model} for {@code epochs} more epochs (null: as many as its train block said). */
    void continueTraining(NetworkModel<?> model, DataSplits<?> data, Integer epochs) {
        if (model == null || trainer == null) {
            throw new DslException("nothing to continue: train a model with a train { } block first");
        }
        int more = epochs != null ? epochs : blockEpochs;
        if (more < 1) {
            throw new DslException("epochs must be at least 1, got " + more);
        }
        continueFit(trainer, model, data, more, false);
        interrupts.afterRun(model, plan, session.registry(), runRecord());
    }

    /**
     * The trainer, model and data share one output kind (each was made for the model's loss), which the types here
     * cannot say. With {@code resumed}, the model comes back with the provenance of the run that continued it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static NetworkModel<?> continueFit(NetworkTrainer trainer, NetworkModel<?> model, DataSplits<?> data,
                                               int more, boolean resumed) {
        trainer.continueFit(model, data.train(), data.dev(), more);
        return resumed ? trainer.continued(model) : model;
    }

    /** The listener every run of this session gets: interrupts, and the writer the checkpoint callback uses. */
    private Callback.Listener listener() {
        return new Callback.Listener() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                interrupts.onTrainBegin();
                if (context instanceof RunContext run) {
                    if (callbackStates != null) {
                        // this listener runs after the script's named callbacks, so each has begun and can take its state
                        run.restoreCallbackStates(callbackStates);
                        callbackStates = null;
                    }
                    run.setCheckpointWriter((path, ctx) -> {
                        Path file = session.output(path.toString());
                        if (claimed.add(file)) {
                            CheckpointLock.claim(file, locks::add).ifPresent(w -> session.out().println("warning: " + w));
                        }
                        lastStates = ctx.callbackStates();
                        Checkpoints.save(file, trainer.midRun(ctx.network(), ctx.runHistory()), ctx.state(), plan.optimizer(),
                                session.registry(), runRecord());
                    });
                }
            }

            @Override
            public void onBatchEnd(TrainingContext context, int step, double loss) {
                interrupts.onBatchEnd(context, step);
            }

            @Override
            public void onTrainEnd(TrainingContext context) {
                interrupts.onTrainEnd();
                if (context instanceof RunContext run) {
                    lastStates = run.callbackStates();
                }
                locks.forEach(CheckpointLock::close);
                locks.clear();
                claimed.clear();
            }
        };
    }
}
