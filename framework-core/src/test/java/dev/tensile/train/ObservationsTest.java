package dev.tensile.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.eval.Diagnosis;
import dev.tensile.spi.LayerStats;

/**
 * What a history keeps for a report when a model trains further: the continued run's samples and warnings follow the
 * earlier ones, a warning kind is kept once (where it first fired), and the evaluation and diagnosis of the model
 * before are dropped; a copy keeps everything.
 */
class ObservationsTest {
    private static final List<LayerStats> STATS = List.of(new LayerStats("layer 1 (dense 4)", 0.1, 0.9, 0.3),
            new LayerStats("relu after layer 1 (dense 4)", 0.4, 0.5, Double.NaN));

    private static History observed(int epoch, int step, String warning) {
        History h = new History();
        h.observations().sample(epoch, step, STATS);
        h.observations().warn(new Observations.Warning(epoch, step, warning, "layer 1 (dense 4)", warning + " at " + step));
        return h;
    }

    @Test
    void aContinuedRunAppendsAndDropsWhatDescribedTheModelBefore() {
        History h = observed(1, 10, "explode");
        h.observations().evaluated(new RunJournal.Evaluation("the test set", List.of("a", "b"),
                new long[][] {{3, 1}, {0, 4}}, 0.875));
        h.observations().diagnosed(new Diagnosis(0.01, 0.1, 0.2, 0.02));
        History copy = h.copy();
        assertThat(copy.observations().evaluation()).isSameAs(h.observations().evaluation());
        assertThat(copy.observations().diagnosis()).isEqualTo(h.observations().diagnosis());

        History more = observed(2, 20, "explode");
        more.observations().warn(new Observations.Warning(2, 20, "vanish", "relu", "vanish at 20"));
        h.addAll(more);
        Observations o = h.observations();
        assertThat(o.samples()).extracting(Observations.Sample::step).containsExactly(10, 20);
        assertThat(o.warnings()).extracting(Observations.Warning::message).containsExactly("explode at 10", "vanish at 20");
        assertThat(o.evaluation()).isNull();
        assertThat(o.diagnosis()).isNull();
        assertThat(o.isEmpty()).isFalse();
        // the copy did not change with the original
        assertThat(copy.observations().samples()).hasSize(1);
        assertThat(copy.observations().evaluation()).isNotNull();
        assertThat(new History().observations().isEmpty()).isTrue();
    }
}
