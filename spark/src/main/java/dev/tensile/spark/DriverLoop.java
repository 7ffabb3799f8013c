package dev.tensile.spark;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import dev.tensile.distributed.DistributedRun;
import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.optim.Optimizer;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.tensor.Rng;
import dev.tensile.train.History;
import dev.tensile.train.Metrics;
import dev.tensile.train.RunContext;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;
import dev.tensile.train.TrainingState;

/**
 * The driver's side of a distributed run: epochs of rounds, each one Spark job (broadcast, one task per partition,
 * {@code treeReduce}), with the callbacks run here after every round ({@code onBatchEnd}, the step being the global
 * step count) and every epoch, as {@link TrainingLoop} runs them. An epoch ends when every shard has been passed
 * over once. Subclasses say what a round computes and how the driver applies it.
 */
abstract class DriverLoop {
    protected final JavaSparkContext sc;
    protected final JavaRDD<Shard> shards;
    protected final Broadcast<Recipe> recipe;
    protected final DistributedRun run;
    protected final int partitions;
    protected final int[] shardSizes;
    protected final Network net;
    protected final List<Parameter> params;
    protected final Optimizer optimizer;
    protected final TrainingConfig config;
    protected final int depth;
    protected final RunStats stats;
    private final History history = new History();
    protected RunContext ctx;
    protected Cursor[] cursors;
    protected int step;
    protected int round;
    private int epochsDone;

    DriverLoop(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<Recipe> recipe, DistributedRun run, int[] shardSizes,
               RunStats stats) {
        this.sc = sc;
        this.shards = shards;
        this.recipe = recipe;
        this.run = run;
        this.partitions = shardSizes.length;
        this.shardSizes = shardSizes;
        this.net = run.network();
        this.params = net.parameters();
        this.optimizer = run.from() != null ? run.from().optimizer() : run.config().optimizer();
        this.config = run.config();
        this.stats = stats;
        // Fan-in of 8 per level: up to 8 partitions reduce on the driver directly, 64 in two levels, and so on.
        this.depth = Math.max(1, (int) Math.ceil(Math.log(partitions) / Math.log(8) - 1e-9));
        TrainingState from = run.from();
        this.cursors = new Cursor[partitions];
        if (from != null) {
            epochsDone = from.epochsDone();
            step = from.step();
        }
        Recipe r = recipe.value();
        for (int p = 0; p < partitions; p++) {
            cursors[p] = partitions == 1 && from != null ? Cursor.of(from, net)
                    : Cursor.start(r.seedOf(p), epochsDone, step, shardSizes[p], Cursor.dropoutStreams(net).size());
        }
    }

    /** Steps of one epoch of the longest shard. */
    abstract int stepsPerEpoch();

    /** Runs one round's job and returns the combined output. */
    abstract RoundOutput compute(int epoch);

    /**
     * Applies a checked round to the driver's network and optimizer; false if that met a NaN or an infinity, which
     * it has reported through {@link #stopOrThrow}.
     */
    abstract boolean apply(RoundOutput o, int epoch);

    TrainingLoop.Result run() {
        ctx = RunContext.of(net, optimizer, history, config.epochs(), stepsPerEpoch(), run.train().size(), this::state);
        if (run.from() != null) {
            ctx.setBaseLearningRate(run.from().baseLearningRate());
        }
        boolean classify = net.loss().classification();
        Metrics.Buffers evalBuffers = run.dev() == null || run.dev().size() == 0 ? null
                : new Metrics.Buffers(Math.min(config.batchSize(), run.dev().size()), run.dev().inputs().cols(),
                        run.dev().targets().cols());
        for (Callback.Listener cb : config.callbacks()) {
            cb.onTrainBegin(ctx);
        }
        for (int epoch = epochsDone + 1; epoch <= config.epochs() && !ctx.stopRequested(); epoch++) {
            long start = System.nanoTime();
            for (Callback.Listener cb : config.callbacks()) {
                cb.onEpochBegin(ctx, epoch);
            }
            if (partitions > 1) {
                startEpoch(epoch);
            }
            double lossSum = 0;
            long correct = 0;
            long rows = 0;
            double normSum = 0;
            long norms = 0;
            boolean failed = false;
            while (!epochFinished(epoch) && !ctx.stopRequested()) {
                round++;
                long t0 = System.nanoTime();
                RoundOutput o = compute(epoch);
                long wall = System.nanoTime() - t0;
                checkCounted(o);
                if (o.failure != null) {
                    stopOrThrow(o.failure.toException());
                    failed = true;
                    break;
                }
                if (!apply(o, epoch)) {
                    failed = true;
                    break;
                }
                stats.round(wall, o.trainNanos / Math.max(1, o.contributors), o.maxSteps);
                cursors = o.cursors;
                step += o.maxSteps;
                if (partitions == 1) {
                    cursors[0].restoreDropout(net); // so that a checkpoint saves the streams the run continues with
                }
                lossSum += o.lossSum;
                correct += o.correct;
                rows += o.rows;
                normSum += o.gradNormSum;
                norms += o.normCount;
                for (Callback.Listener cb : config.callbacks()) {
                    cb.onBatchEnd(ctx, step, o.lossSum / o.rows);
                }
            }
            if (rows == 0 || failed) {
                break;
            }
            double devLoss = Double.NaN;
            double devAcc = Double.NaN;
            if (evalBuffers != null) {
                Metrics.Result r = Metrics.evaluate(net, run.dev(), evalBuffers);
                devLoss = r.loss();
                devAcc = classify ? r.accuracy() : Double.NaN;
            }
            EpochLog log = new EpochLog(epoch, lossSum / rows, classify ? (double) correct / rows : Double.NaN,
                    devLoss, devAcc, optimizer.learningRate(), (System.nanoTime() - start) / 1e9,
                    norms == 0 ? Double.NaN : normSum / norms);
            history.add(log);
            if (epochFinished(epoch)) {
                epochsDone = epoch;
            }
            for (Callback.Listener cb : config.callbacks()) {
                cb.onEpochEnd(ctx, log);
            }
        }
        TrainingState end = state();
        for (Callback.Listener cb : config.callbacks()) {
            cb.onTrainEnd(ctx);
        }
        return new TrainingLoop.Result(history, end);
    }

    /** Several partitions start every epoch from streams derived from the seed and the epoch (see {@link Cursor}). */
    private void startEpoch(int epoch) {
        Recipe r = recipe.value();
        for (int p = 0; p < partitions; p++) {
            if (cursors[p].stepInEpoch == 0 && cursors[p].epochsDone == epoch - 1) {
                cursors[p] = Cursor.start(r.seedOf(p), epoch - 1, step, shardSizes[p], Cursor.dropoutStreams(net).size());
            }
        }
    }

    private boolean epochFinished(int epoch) {
        for (Cursor c : cursors) {
            if (c.epochsDone < epoch) {
                return false;
            }
        }
        return true;
    }

    /** Spark retries failed tasks; a round must still hold each partition's result exactly once. */
    private void checkCounted(RoundOutput o) {
        for (int p = 0; p < partitions; p++) {
            if (o.counted[p] != 1) {
                throw new IllegalStateException("round " + round + " combined partition " + p + " " + o.counted[p]
                        + " times instead of once; its result is discarded");
            }
        }
    }

    /** Ends the run quietly if a listener (nan-guard) takes the failure on, and throws otherwise. */
    protected void stopOrThrow(NonFiniteException e) {
        boolean handled = false;
        for (Callback.Listener cb : config.callbacks()) {
            handled |= cb.onNonFinite(ctx, e);
        }
        if (!handled) {
            throw e;
        }
        ctx.requestStop(e.getMessage());
    }

    /** The learning rate the schedule gives at a point of the run, as {@code TrainingLoop} computes it. */
    protected double learningRate(int epoch, int stepInEpoch) {
        double t = (epoch - 1) + (double) stepInEpoch / stepsPerEpoch();
        return ctx.baseLearningRate() * config.schedule().factor(t, config.epochs());
    }

    /**
     * Where the run stands, for checkpoints. One partition: its cursor, exactly. Several: the epochs done (their
     * cursors restart from the seed and the epoch), so a run stopped inside an epoch resumes at that epoch's start.
     */
    TrainingState state() {
        if (partitions == 1) {
            Cursor c = cursors[0];
            return new TrainingState(c.epochsDone, step, c.order.clone(), Cursor.unpack(c.shuffle),
                    Cursor.unpack(c.augment), optimizer, ctx.baseLearningRate(), c.stepInEpoch);
        }
        int n = run.train().size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Rng rng = new Rng(recipe.value().seed);
        return new TrainingState(epochsDone, step, order, rng.derive("shuffle").state(), rng.derive("augment").state(),
                optimizer, ctx.baseLearningRate(), 0);
    }
}
