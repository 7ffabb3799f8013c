package dev.tensile.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import dev.tensile.distributed.DistributedRun;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.train.StepTail;

/**
 * Parameter averaging (as Deeplearning4j's Spark training does it): each round, every replica takes up to K steps of
 * the ordinary training loop on its shard from the same weights and optimizer state, then the driver averages the
 * replicas' weights and optimizer state (Adam's moments, momentum) and broadcasts the average. With K = 1 and plain
 * SGD this is synchronous SGD; larger K trades gradient freshness for fewer synchronisations.
 */
final class ParameterAveraging extends DriverLoop {
    private final int every;
    private float[] current;

    ParameterAveraging(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<Recipe> recipe, DistributedRun run,
                       int[] shardSizes, RunStats stats, int every) {
        super(sc, shards, recipe, run, shardSizes, stats);
        this.every = every;
        this.current = new float[Vectors.size(params, optimizer.slotsPerParameter())];
        Vectors.write(params, optimizer, current);
    }

    @Override
    int stepsPerEpoch() {
        int most = 0;
        for (int n : shardSizes) {
            int b = Math.min(config.batchSize(), n);
            most = Math.max(most, (n + b - 1) / b);
        }
        return most;
    }

    @Override
    RoundOutput compute(int epoch) {
        Broadcast<RoundInput> in = sc.broadcast(new RoundInput(round, current, optimizer.steps(), ctx.baseLearningRate(),
                epoch, every, 0, cursors));
        Broadcast<Recipe> r = recipe;
        try {
            return shards.map(shard -> {
                Replica replica = Replica.borrow(r.value(), shard.partition);
                RoundOutput o = replica.trainLocally(shard, in.value());
                replica.release();
                return o;
            }).treeReduce(RoundOutput::merge, depth);
        } finally {
            in.destroy();
        }
    }

    @Override
    boolean apply(RoundOutput o, int epoch) {
        float[] avg = o.sum;
        if (o.contributors > 1) {
            float c = o.contributors;
            for (int i = 0; i < avg.length; i++) {
                avg[i] /= c;
            }
        }
        if (StepTail.firstNonFinite(avg) >= 0) {
            stopOrThrow(new NonFiniteException(epoch, step + o.maxSteps, "the average of round " + round,
                    "NaN or Inf appeared"));
            return false;
        }
        Vectors.read(avg, params, optimizer, optimizer.steps() + o.maxSteps);
        current = avg;
        optimizer.setLearningRate(learningRate(epoch, Math.max(0, cursorsStep(o) - 1)));
        return true;
    }

    /** The step within the epoch the replicas reached (the longest shard's), for the learning rate on record. */
    private int cursorsStep(RoundOutput o) {
        int s = 0;
        for (Cursor c : o.cursors) {
            s = Math.max(s, c.stepInEpoch == 0 ? stepsPerEpoch() : c.stepInEpoch);
        }
        return s;
    }
}
