package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.nn.Network;
import dev.tensile.optim.Sgd;
import dev.tensile.train.History;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

class EarlyStoppingTest {

    private static void assertSameWeights(List<float[]> actual, List<float[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < actual.size(); k++) {
            assertThat(actual.get(k)).containsExactly(expected.get(k));
        }
    }

    private static History fit(Network net, boolean withDev, int epochs, Fixture.Recorder rec, Map<String, ?> params) {
        TrainingConfig cfg = new TrainingConfig(epochs, 16, 1, new Sgd(0.3), List.of(), List.of(),
                List.of(Fixture.callback("early-stopping", params), rec));
        return TrainingLoop.fit(net, Fixture.data(64, 2, true), withDev ? Fixture.data(200, 3, true) : null, cfg);
    }

    @Test
    void stopsPatienceEpochsAfterTheLastImprovementAndRestoresThatEpochExactly() {
        // an impossible minDelta: only the first epoch counts as an improvement
        Network net = Fixture.network(8, 4);
        Fixture.Recorder rec = new Fixture.Recorder();
        History h = fit(net, false, 50, rec, Map.of("monitor", "train-loss", "patience", 3, "minDelta", 1e9));
        assertThat(h.epochs()).hasSize(4);
        List<float[]> end = rec.weights.get(3);
        assertThat(end.get(0)).as("training went on after epoch 1").isNotEqualTo(rec.weights.get(0).get(0));
        assertSameWeights(Fixture.copy(net), rec.weights.get(0));
    }

    @Test
    void restoresTheEpochWithTheLowestDevLoss() {
        // random labels: the network memorises the training set and the dev loss turns upward
        Network net = Fixture.network(32, 5);
        Fixture.Recorder rec = new Fixture.Recorder();
        int patience = 4;
        History h = fit(net, true, 200, rec, Map.of("patience", patience));
        int best = 0;
        for (int e = 1; e < rec.logs.size(); e++) {
            if (rec.logs.get(e).devLoss() < rec.logs.get(best).devLoss()) {
                best = e;
            }
        }
        assertThat(h.epochs()).as("stopped early").hasSizeLessThan(200);
        assertThat(h.epochs()).hasSize(best + 1 + patience);
        assertThat(best).as("the best epoch is not the last").isLessThan(h.epochs().size() - 1);
        assertSameWeights(Fixture.copy(net), rec.weights.get(best));
    }

    @Test
    void keepsTheLastWeightsWithoutRestoreBest() {
        Network net = Fixture.network(8, 4);
        Fixture.Recorder rec = new Fixture.Recorder();
        fit(net, false, 50, rec, Map.of("monitor", "train-loss", "patience", 2, "minDelta", 1e9, "restoreBest", false));
        assertThat(rec.logs).hasSize(3);
        assertSameWeights(Fixture.copy(net), rec.weights.get(2));
    }

    @Test
    void aDevMonitorWithoutADevSetIsAClearError() {
        assertThatThrownBy(() -> fit(Fixture.network(4, 1), false, 3, new Fixture.Recorder(), Map.of()))
                .hasMessageContaining("dev-loss").hasMessageContaining("train-loss");
    }
}
