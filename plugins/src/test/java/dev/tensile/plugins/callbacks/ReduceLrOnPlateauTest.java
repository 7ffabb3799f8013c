package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.optim.Sgd;
import dev.tensile.spi.EpochLog;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

class ReduceLrOnPlateauTest {

    private static double[] rates(Map<String, ?> params, int epochs) {
        TrainingConfig cfg = new TrainingConfig(epochs, 16, 1, new Sgd(0.1), List.of(), List.of(),
                List.of(Fixture.callback("reduce-lr-on-plateau", params)));
        return TrainingLoop.fit(Fixture.network(8, 2), Fixture.data(64, 3, false), null, cfg).epochs().stream()
                .mapToDouble(EpochLog::learningRate).toArray();
    }

    @Test
    void reducesOnceEveryPatienceEpochsOfPlateauDownToMinLr() {
        // an impossible minDelta makes every epoch after the first a plateau epoch
        double[] lr = rates(Map.of("monitor", "train-loss", "patience", 2, "factor", 0.5, "minDelta", 1e9,
                "minLr", 0.02), 9);
        assertThat(lr).containsExactly(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02}, within(1e-12));
    }

    @Test
    void leavesTheRateAloneWhileTheLossImproves() {
        // a learnable problem and a small rate: the training loss falls every epoch
        double[] lr = rates(Map.of("monitor", "train-loss", "patience", 1), 8);
        assertThat(lr).containsOnly(0.1);
    }
}
