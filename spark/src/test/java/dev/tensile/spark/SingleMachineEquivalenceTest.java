package dev.tensile.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.EpochLog;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainPlan;

/**
 * One partition is the single-machine run, bit for bit (weights, optimizer state, losses), in both modes; two
 * partitions in synchronous mode are single-machine training on the same global batch up to the order of float sums.
 */
class SingleMachineEquivalenceTest {
    private static final LabeledData TRAIN = Fixtures.spirals()[0];
    /** Everything that draws random numbers or keeps state: dropout, noise, Adam's moments, L2. */
    private static final ModelSpec SPEC = Fixtures.spec(0.1);
    private static final TrainPlan PLAN = Fixtures.plan(3, 32, new PluginRef("adam", Map.of("lr", 0.01)),
            List.of(new PluginRef("l2", Map.of("lambda", 1e-3))),
            List.of(new PluginRef("gaussian-noise", Map.of("std", 0.02))));

    @Test
    void onePartitionAveragingEveryStepIsTheSingleMachineRunBitForBit() {
        Fixtures.Trained local = Fixtures.local(SPEC, PLAN, TRAIN);
        Fixtures.Trained spark = Fixtures.spark(SPEC, PLAN, TRAIN, Map.of("workers", 1, "averageEvery", 1));
        assertThat(spark.weights()).containsExactly(local.weights());
        assertThat(spark.optimizerState()).containsExactly(local.optimizerState());
        assertThat(losses(spark)).isEqualTo(losses(local));
        assertThat(spark.result().state().step()).isEqualTo(local.result().state().step()).isEqualTo(3 * 15);
        assertThat(spark.result().state().order()).containsExactly(local.result().state().order());
    }

    @Test
    void onePartitionAveragingEveryEightStepsIsStillTheSingleMachineRun() {
        Fixtures.Trained local = Fixtures.local(SPEC, PLAN, TRAIN);
        Fixtures.Trained spark = Fixtures.spark(SPEC, PLAN, TRAIN, Map.of("workers", 1, "averageEvery", 8));
        assertThat(spark.weights()).containsExactly(local.weights());
        assertThat(spark.optimizerState()).containsExactly(local.optimizerState());
    }

    @Test
    void onePartitionSynchronousIsTheSingleMachineRunBitForBit() {
        Fixtures.Trained local = Fixtures.local(SPEC, PLAN, TRAIN);
        Fixtures.Trained spark = Fixtures.spark(SPEC, PLAN, TRAIN, Map.of("workers", 1, "mode", "sync"));
        assertThat(spark.weights()).containsExactly(local.weights());
        assertThat(spark.optimizerState()).containsExactly(local.optimizerState());
        assertThat(losses(spark)).isEqualTo(losses(local));
    }

    /**
     * Full-batch steps (the global batch is the whole training set, so both runs see the same batch at every step)
     * with momentum SGD, which is linear in the gradient. The two runs differ only in how the 480 rows' gradients are
     * summed: in one float32 sum, or in two of 240 then added. Each sum's rounding error is at most n·u·Σ|terms|
     * (u = 2^-24, n = 480: about 3e-5 relative) and typically √n·u (1e-6); 40 steps at lr 0.05 with momentum 0.9
     * (each gradient counts up to 1/(1 - 0.9) = 10 times) move a weight by at most 40 · 0.05 · 10 · 3e-5 · |g|, about
     * 6e-4 · |g| with |g| below 1 here: the tolerance is 5e-4, while the runs' weights move by far more than that.
     */
    @Test
    void twoPartitionsSynchronousEqualSingleMachineOnTheSameGlobalBatchUpToSummationOrder() {
        ModelSpec spec = Fixtures.spec(0);
        TrainPlan plan = Fixtures.plan(40, TRAIN.size(), new PluginRef("momentum", Map.of("lr", 0.05, "momentum", 0.9)),
                List.of(new PluginRef("l2", Map.of("lambda", 1e-3))), List.of());
        Fixtures.Trained local = Fixtures.local(spec, plan, TRAIN);
        Fixtures.Trained spark = Fixtures.spark(spec, plan, TRAIN, Map.of("workers", 2, "mode", "sync"));
        float[] a = local.weights();
        float[] b = spark.weights();
        float[] start = initial(spec, plan);
        double maxDiff = 0;
        double maxMove = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            maxMove = Math.max(maxMove, Math.abs(a[i] - start[i]));
        }
        assertThat(maxDiff).isLessThan(5e-4);
        assertThat(maxMove).isGreaterThan(0.05);
        List<Double> la = losses(local);
        List<Double> lb = losses(spark);
        for (int e = 0; e < la.size(); e++) {
            assertThat(lb.get(e)).isCloseTo(la.get(e), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(la.get(la.size() - 1)).isLessThan(la.get(0));
    }

    private static float[] initial(ModelSpec spec, TrainPlan plan) {
        var net = Fixtures.network(spec, plan);
        float[] w = new float[Vectors.size(net.parameters(), 0)];
        Vectors.write(net.parameters(), null, w);
        return w;
    }

    private static List<Double> losses(Fixtures.Trained t) {
        return t.result().history().epochs().stream().map(EpochLog::trainLoss).toList();
    }
}
