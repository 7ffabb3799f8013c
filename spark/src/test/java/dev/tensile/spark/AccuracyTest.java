package dev.tensile.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.train.LabeledData;
import dev.tensile.train.Metrics;
import dev.tensile.train.TrainPlan;

/** Distributed training reaches the single-machine accuracy on the spirals' held-out fifth (120 points). */
class AccuracyTest {
    private static final LabeledData[] DATA = Fixtures.spirals();
    private static final ModelSpec SPEC = Fixtures.spec(0);
    private static final TrainPlan PLAN = Fixtures.plan(60, 32, new PluginRef("adam", Map.of("lr", 0.01)), List.of(),
            List.of());

    private static double accuracy(Fixtures.Trained t) {
        return Metrics.evaluate(t.network(), DATA[1], 64).accuracy();
    }

    @Test
    void parameterAveragingOnTwoPartitionsReachesTheSingleMachineAccuracyWithinOnePoint() {
        double local = accuracy(Fixtures.local(SPEC, PLAN, DATA[0]));
        double averaged = accuracy(Fixtures.spark(SPEC, PLAN, DATA[0], Map.of("workers", 2, "averageEvery", 8)));
        assertThat(local).isGreaterThan(0.95);
        assertThat(averaged).isGreaterThanOrEqualTo(local - 0.01);
    }
}
