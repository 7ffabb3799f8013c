package dev.tensile.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainPlan;

/** A task that fails is retried and counted once; a NaN in one replica stops the run naming round and partition. */
class FaultToleranceTest {
    private static final LabeledData TRAIN = Fixtures.spirals()[0];
    private static final ModelSpec SPEC = Fixtures.spec(0.1);
    private static final TrainPlan PLAN = Fixtures.plan(3, 32, new PluginRef("adam", Map.of("lr", 0.01)), List.of(),
            List.of(PluginRef.of("test-faults")));

    @AfterEach
    void disarm() {
        FaultInjection.reset();
    }

    @Test
    void aTaskThatThrowsOnItsFirstAttemptIsRetriedAndTheRoundAveragesEveryPartitionOnce() {
        Fixtures.Trained clean = Fixtures.spark(SPEC, PLAN, TRAIN, Map.of("workers", 2, "averageEvery", 4));
        FaultInjection.reset();
        FaultInjection.THROW_AT.set(6); // partition 1's 6th step: round 2 (8 steps per epoch, 4 per round)
        Fixtures.Trained retried = Fixtures.spark(SPEC, PLAN, TRAIN, Map.of("workers", 2, "averageEvery", 4));
        assertThat(FaultInjection.THROWN.get()).isEqualTo(1);
        // The retry started from the round's broadcast, so the run is the clean run bit for bit; a partition
        // counted twice or not at all would have stopped it (DriverLoop checks every round's counts).
        assertThat(retried.weights()).containsExactly(clean.weights());
        assertThat(retried.optimizerState()).containsExactly(clean.optimizerState());
    }

    @Test
    void aNanInOneReplicaStopsTheRunNamingRoundAndPartition() {
        FaultInjection.NAN_AT.set(10); // partition 1's 10th step: epoch 2, round 3
        assertThatThrownBy(() -> Fixtures.spark(SPEC, PLAN, TRAIN, Map.of("workers", 2, "averageEvery", 4)))
                .isInstanceOf(NonFiniteException.class)
                .hasMessageContaining("the replica of partition 1 in round 3")
                .hasMessageContaining("at epoch 2");
    }

    @Test
    void withNanGuardTheRunStopsCleanlyKeepingTheLastGoodAverage() {
        TrainPlan oneEpoch = new TrainPlan(1, 32, PLAN.seed(), PLAN.optimizer(), List.of(), PLAN.augmentations(),
                List.of(), List.of());
        Fixtures.Trained firstEpoch = Fixtures.spark(SPEC, oneEpoch, TRAIN, Map.of("workers", 2, "averageEvery", 4));
        FaultInjection.reset();
        FaultInjection.NAN_AT.set(10);
        TrainPlan guarded = new TrainPlan(3, 32, PLAN.seed(), PLAN.optimizer(), List.of(), PLAN.augmentations(),
                List.of(PluginRef.of("nan-guard")), List.of());
        Fixtures.Trained stopped = Fixtures.spark(SPEC, guarded, TRAIN, Map.of("workers", 2, "averageEvery", 4));
        assertThat(stopped.result().history().epochs()).hasSize(1);
        assertThat(stopped.weights()).containsExactly(firstEpoch.weights());
        assertThat(stopped.result().state().epochsDone()).isEqualTo(1);
    }
}
