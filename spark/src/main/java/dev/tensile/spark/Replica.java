package dev.tensile.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.spark.SparkFiles;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.optim.Optimizer;
import dev.tensile.optim.Optimizers;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.Metrics;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

/**
 * A partition's copy of the network on an executor, with its optimizer and bound training configuration. Replicas
 * are pooled per job and partition in the executor's JVM, so a round allocates no network; everything a round
 * depends on (weights, optimizer state, cursor) comes from the round's broadcast, so a retried task repeats the
 * first attempt exactly, whatever a failed attempt left in the replica.
 */
final class Replica {
    private static final Map<String, ConcurrentLinkedQueue<Replica>> POOL = new ConcurrentHashMap<>();
    private static final Map<List<String>, PluginRegistry> REGISTRIES = new ConcurrentHashMap<>();

    private final String key;
    private final int partition;
    private final Network net;
    private final List<Parameter> params;
    private final Optimizer optimizer;
    private final TrainingConfig bound;
    private final Rng.State[] initialDropout;
    private final Map<Integer, Matrix[]> batches = new HashMap<>();

    private Replica(String key, Recipe recipe, int partition) {
        this.key = key;
        this.partition = partition;
        PluginRegistry registry = registry(recipe.pluginJars);
        NetworkBuilder builder = new NetworkBuilder(registry, GemmProvider.get());
        this.net = builder.build(recipe.spec, recipe.seedOf(partition)).network();
        this.params = net.parameters();
        this.optimizer = Optimizers.create(recipe.optimizer);
        this.bound = recipe.plan().bind(registry);
        List<dev.tensile.tensor.Rng> drop = Cursor.dropoutStreams(net);
        this.initialDropout = new Rng.State[drop.size()];
        for (int i = 0; i < initialDropout.length; i++) {
            initialDropout[i] = drop.get(i).state();
        }
    }

    /** The executor's plugins: its class path (spark-submit's --jars land there) and the jars the driver shipped. */
    private static PluginRegistry registry(List<String> jars) {
        return REGISTRIES.computeIfAbsent(jars, j -> j.isEmpty() ? PluginRegistry.discover()
                : PluginRegistry.discover(List.of(Path.of(SparkFiles.getRootDirectory())), List.of()));
    }

    static Replica borrow(Recipe recipe, int partition) {
        String key = recipe.job + "/" + partition;
        Replica r = POOL.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return r != null ? r : new Replica(key, recipe, partition);
    }

    /** Returns the replica to the pool (only after a round that finished: a failed attempt's replica is dropped). */
    void release() {
        POOL.get(key).offer(this);
    }

    /** Drops the pooled replicas of {@code job} in this JVM. */
    static void forget(String job) {
        POOL.keySet().removeIf(k -> k.startsWith(job + "/"));
    }

    private RoundOutput output(RoundInput in) {
        RoundOutput out = new RoundOutput(in.cursors().length);
        out.counted[partition] = 1;
        return out;
    }

    private void restoreDropout(Cursor c) {
        if (c.dropout == null) {
            List<dev.tensile.tensor.Rng> drop = Cursor.dropoutStreams(net);
            for (int i = 0; i < initialDropout.length; i++) {
                drop.get(i).set(initialDropout[i]);
            }
        } else {
            c.restoreDropout(net);
        }
    }

    /**
     * Parameter averaging: up to {@code in.steps()} steps of {@link TrainingLoop} on the shard, never past the end
     * of the round's epoch, from the broadcast weights, optimizer state and this partition's cursor.
     */
    RoundOutput trainLocally(Shard shard, RoundInput in) {
        RoundOutput out = output(in);
        Cursor c = in.cursors()[partition];
        if (c.epochsDone >= in.epoch()) {
            out.cursors[partition] = c; // this shard has finished the epoch: it sits the round out
            return out;
        }
        long start = System.nanoTime();
        Vectors.read(in.vector(), params, optimizer, in.optimizerSteps());
        restoreDropout(c);
        RoundListener listener = new RoundListener(in.steps(), shard.rows(), bound.batchSize(), c.stepInEpoch);
        TrainingConfig config = new TrainingConfig(bound.epochs(), bound.batchSize(), bound.seed(), optimizer,
                bound.schedule(), bound.clipNorm(), bound.clipValue(), bound.penalties(), bound.constraints(), bound.augmenters(),
                List.of(listener));
        TrainingLoop.Result result;
        try {
            result = TrainingLoop.fitFrom(net, shard.data(), null, config, c.toState(net, optimizer, in.baseRate()));
        } catch (NonFiniteException e) {
            out.failure = failure(in, e);
            return out;
        }
        float[] v = new float[in.vector().length];
        Vectors.write(params, optimizer, v);
        out.sum = v;
        out.cursors[partition] = Cursor.of(result.state(), net);
        out.contributors = 1;
        out.maxSteps = listener.steps;
        out.lossSum = listener.lossSum;
        out.rows = listener.rows;
        out.correct = listener.correct;
        out.gradNormSum = listener.gradNormSum;
        out.normCount = listener.steps;
        out.trainNanos = System.nanoTime() - start;
        return out;
    }

    /**
     * Synchronous SGD: this partition's part of one global batch, forward and backward from the broadcast weights;
     * the gradient goes back scaled by this part's share of the batch's rows, so the sum is the global batch's.
     */
    RoundOutput gradient(Shard shard, RoundInput in, int localBatch) {
        RoundOutput out = output(in);
        Cursor c = in.cursors()[partition];
        if (c.epochsDone >= in.epoch()) {
            out.cursors[partition] = c;
            return out;
        }
        long start = System.nanoTime();
        Vectors.read(in.vector(), params, null, 0);
        restoreDropout(c);
        int n = shard.rows();
        int steps = (n + localBatch - 1) / localBatch;
        int[] order = c.order.clone();
        Rng shuffle = Rng.restore(Cursor.unpack(c.shuffle));
        Rng augment = Rng.restore(Cursor.unpack(c.augment));
        if (c.stepInEpoch == 0) {
            shuffle.shuffle(order); // as TrainingLoop does at an epoch's start
        }
        int s = c.stepInEpoch;
        int rows = Math.min(localBatch, n - s * localBatch);
        Matrix[] b = batches.computeIfAbsent(rows, r -> new Matrix[] {
                new Matrix(r, shard.data().inputs().cols()), new Matrix(r, net.outputSize()), new Matrix(r, net.outputSize())});
        shard.data().gather(order, s * localBatch, b[0], b[1]);
        for (Augmentation.Augmenter a : bound.augmenters()) {
            a.apply(b[0], b[1], augment);
        }
        Matrix outputs = net.forward(b[0], true);
        if (net.loss().classification()) {
            out.correct = Metrics.countCorrect(outputs, b[1]);
        }
        double loss = net.loss().lossAndGradient(outputs, b[1], b[2]);
        int epoch = c.epochsDone + 1;
        if (!Double.isFinite(loss)) {
            out.failure = failure(in, new NonFiniteException(epoch, c.step + 1, "the loss", "the loss became " + loss));
            return out;
        }
        net.backward(b[2]);
        float[] v = new float[in.vector().length];
        Vectors.writeGradients(params, v, rows == in.batchRows() ? 1f : (float) rows / in.batchRows());
        int next = s + 1 == steps ? 0 : s + 1;
        List<dev.tensile.tensor.Rng> drop = Cursor.dropoutStreams(net);
        long[][] dropout = new long[drop.size()][];
        for (int i = 0; i < dropout.length; i++) {
            dropout[i] = Cursor.pack(drop.get(i).state());
        }
        out.cursors[partition] = new Cursor(next == 0 ? epoch : c.epochsDone, c.step + 1, order,
                Cursor.pack(shuffle.state()), Cursor.pack(augment.state()), dropout, next);
        out.sum = v;
        out.contributors = 1;
        out.maxSteps = 1;
        out.lossSum = loss * rows;
        out.rows = rows;
        out.trainNanos = System.nanoTime() - start;
        return out;
    }

    private RoundFailure failure(RoundInput in, NonFiniteException e) {
        return RoundFailure.of(partition, in.round(), e);
    }

    /** Stops the replica's loop after the round's steps or at the end of its epoch, and sums what it saw. */
    private static final class RoundListener implements dev.tensile.spi.Callback.Listener {
        private final int maxSteps;
        private final int n;
        private final int batch;
        private int stepInEpoch;
        private long epochRows;
        int steps;
        long rows;
        double lossSum;
        long correct;
        double gradNormSum;
        private int epochSteps;

        RoundListener(int maxSteps, int n, int batchSize, int stepInEpoch) {
            this.maxSteps = maxSteps;
            this.n = n;
            this.batch = Math.min(batchSize, n);
            this.stepInEpoch = stepInEpoch;
        }

        @Override
        public void onBatchEnd(dev.tensile.spi.TrainingContext ctx, int step, double loss) {
            int r = Math.min(batch, n - stepInEpoch * batch);
            stepInEpoch++;
            rows += r;
            epochRows += r;
            epochSteps++;
            lossSum += loss * r;
            if (++steps == maxSteps) {
                ctx.requestStop("round done");
            }
        }

        @Override
        public void onEpochEnd(dev.tensile.spi.TrainingContext ctx, dev.tensile.spi.EpochLog log) {
            if (!Double.isNaN(log.trainAccuracy())) {
                correct += Math.round(log.trainAccuracy() * epochRows);
            }
            gradNormSum += log.gradientNorm() * epochSteps;
            epochRows = 0;
            epochSteps = 0;
            stepInEpoch = 0;
            ctx.requestStop("the shard's epoch ended");
        }
    }
}
