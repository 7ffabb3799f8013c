package dev.tensile.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import dev.tensile.distributed.DistributedRun;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.train.StepTail;

/**
 * Synchronous SGD: one round is one step of the optimizer on a global batch of the configured size, split over the
 * partitions (each takes its share from its own shard); the executors run forward and backward, the driver sums
 * their row-weighted gradients and takes the step. The optimizer's state lives on the driver only.
 */
final class SynchronousSgd extends DriverLoop {
    private final int[] localBatch;
    private int stepInEpoch;

    SynchronousSgd(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<Recipe> recipe, DistributedRun run,
                   int[] shardSizes, RunStats stats) {
        super(sc, shards, recipe, run, shardSizes, stats);
        int global = Math.min(config.batchSize(), run.train().size());
        if (global < partitions) {
            throw new IllegalArgumentException("synchronous SGD splits each batch over the workers: batch " + global
                    + " is smaller than " + partitions + " workers");
        }
        this.localBatch = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            localBatch[p] = Math.min(shardSizes[p], global / partitions + (p < global % partitions ? 1 : 0));
        }
        this.stepInEpoch = cursors[0].stepInEpoch;
    }

    @Override
    int stepsPerEpoch() {
        int most = 0;
        for (int p = 0; p < partitions; p++) {
            most = Math.max(most, (shardSizes[p] + localBatch[p] - 1) / localBatch[p]);
        }
        return most;
    }

    /** The rows of global step {@code s} of an epoch, over the partitions that still have examples. */
    private int batchRows(int s) {
        int rows = 0;
        for (int p = 0; p < partitions; p++) {
            rows += Math.max(0, Math.min(localBatch[p], shardSizes[p] - s * localBatch[p]));
        }
        return rows;
    }

    @Override
    RoundOutput compute(int epoch) {
        if (cursorsAtEpochStart()) {
            stepInEpoch = 0;
        }
        float[] weights = new float[Vectors.size(params, 0)];
        Vectors.write(params, null, weights);
        Broadcast<RoundInput> in = sc.broadcast(new RoundInput(round, weights, 0, ctx.baseLearningRate(), epoch, 1,
                batchRows(stepInEpoch), cursors));
        Broadcast<Recipe> r = recipe;
        int[] local = localBatch;
        try {
            return shards.map(shard -> {
                Replica replica = Replica.borrow(r.value(), shard.partition);
                RoundOutput o = replica.gradient(shard, in.value(), local[shard.partition]);
                replica.release();
                return o;
            }).treeReduce(RoundOutput::merge, depth);
        } finally {
            in.destroy();
        }
    }

    private boolean cursorsAtEpochStart() {
        for (Cursor c : cursors) {
            if (c.stepInEpoch != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    boolean apply(RoundOutput o, int epoch) {
        int rows = (int) o.rows;
        Vectors.readGradients(o.sum, params);
        double loss = o.lossSum / rows + StepTail.penalty(config, params, rows);
        StepTail.addPenaltyGradients(config, params, rows);
        double norm = StepTail.clipAndNorm(config, params);
        if (Double.isNaN(norm)) {
            stopOrThrow(new NonFiniteException(epoch, step + 1, "the gradient of " + StepTail.nonFiniteGradient(params) + " summed in round " + round,
                    "NaN or Inf appeared"));
            return false;
        }
        optimizer.setLearningRate(learningRate(epoch, stepInEpoch));
        optimizer.step(params);
        StepTail.constrain(config, params);
        stepInEpoch++;
        o.lossSum = loss * rows;
        o.gradNormSum = norm;
        o.normCount = 1;
        return true;
    }
}
