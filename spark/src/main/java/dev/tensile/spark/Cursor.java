package dev.tensile.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import dev.tensile.nn.Network;
import dev.tensile.nn.Stage;
import dev.tensile.optim.Optimizer;
import dev.tensile.tensor.Rng;
import dev.tensile.train.TrainingState;

/**
 * Where one partition's replica stands in its shard, carried by the driver from round to round (so a retried task
 * starts from exactly the same place): a {@link TrainingState} without the optimizer, plus the replica's dropout
 * streams. Random streams travel as their three numbers.
 */
final class Cursor implements Serializable {
    private static final long serialVersionUID = 1L;

    final int epochsDone;
    final int step;
    final int[] order;
    final long[] shuffle;
    final long[] augment;
    final long[][] dropout;
    final int stepInEpoch;

    Cursor(int epochsDone, int step, int[] order, long[] shuffle, long[] augment, long[][] dropout,
                   int stepInEpoch) {
        this.epochsDone = epochsDone;
        this.step = step;
        this.order = order;
        this.shuffle = shuffle;
        this.augment = augment;
        this.dropout = dropout;
        this.stepInEpoch = stepInEpoch;
    }

    /**
     * A partition at the start of epoch {@code epochsDone + 1}: its shard in stored order and fresh streams derived
     * from the partition's seed, as {@code TrainingLoop} derives them at the start of a run (so partition 0 at the
     * start is the single-machine run; {@code dropout} null means the streams the replica's network was built with).
     * Later epochs derive from the seed and the epoch, which makes a checkpoint at an epoch's end enough to resume.
     */
    static Cursor start(long partitionSeed, int epochsDone, int step, int shardSize, int dropoutLayers) {
        Rng base = epochsDone == 0 ? new Rng(partitionSeed) : new Rng(partitionSeed).derive("epoch " + (epochsDone + 1));
        int[] order = new int[shardSize];
        for (int i = 0; i < shardSize; i++) {
            order[i] = i;
        }
        long[][] dropout = null;
        if (epochsDone > 0) {
            dropout = new long[dropoutLayers][];
            for (int i = 0; i < dropoutLayers; i++) {
                dropout[i] = pack(base.derive("dropout " + (i + 1)).state());
            }
        }
        return new Cursor(epochsDone, step, order, pack(base.derive("shuffle").state()),
                pack(base.derive("augment").state()), dropout, 0);
    }

    /** A continuing run's cursor (a checkpoint's state, one partition): exactly where it stopped. */
    static Cursor of(TrainingState s, Network net) {
        List<Rng> streams = dropoutStreams(net);
        long[][] dropout = new long[streams.size()][];
        for (int i = 0; i < dropout.length; i++) {
            dropout[i] = pack(streams.get(i).state());
        }
        return new Cursor(s.epochsDone(), s.step(), s.order().clone(), pack(s.shuffle()), pack(s.augment()), dropout,
                s.stepInEpoch());
    }

    /** The state {@code TrainingLoop} continues from, with the replica's optimizer; puts the dropout streams back. */
    TrainingState toState(Network net, Optimizer optimizer, double baseLearningRate) {
        restoreDropout(net);
        return new TrainingState(epochsDone, step, order, unpack(shuffle), unpack(augment), optimizer,
                baseLearningRate, stepInEpoch);
    }

    /** Puts this cursor's dropout streams into {@code net}'s layers; null streams leave them as they are. */
    void restoreDropout(Network net) {
        if (dropout == null) {
            return;
        }
        List<Rng> streams = dropoutStreams(net);
        for (int i = 0; i < streams.size(); i++) {
            streams.get(i).set(unpack(dropout[i]));
        }
    }

    /** The random streams of the layers that draw from one (dropout), in network order. */
    static List<Rng> dropoutStreams(Network net) {
        List<Rng> out = new ArrayList<>();
        for (Stage s : net.stages()) {
            if (s.random() != null) {
                out.add(s.random());
            }
        }
        return out;
    }

    static long[] pack(Rng.State s) {
        return new long[] {s.seed(), s.position(), Double.doubleToRawLongBits(s.spareGaussian())};
    }

    static Rng.State unpack(long[] v) {
        return new Rng.State(v[0], v[1], Double.longBitsToDouble(v[2]));
    }
}
