package dev.tensile.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.tensile.spi.EpochLog;

/** Issue 20: an epoch whose dev loss is missing (NaN weights) must not print two unlabelled accuracies. */
class EpochLogFormatTest {
    @Test
    void devFiguresAreLabelledDevEvenWithoutADevLoss() {
        EpochLog noDevLoss = new EpochLog(3, 0.5, 0.6354, Double.NaN, 0.3125, 0.01, 1.5, 0.2);
        assertThat(noDevLoss.format()).startsWith("epoch 3: loss 0.5000 acc 0.6354 | dev acc 0.3125 | lr");
        EpochLog both = new EpochLog(3, 0.5, 0.6354, 0.7, 0.3125, 0.01, 1.5, 0.2);
        assertThat(both.format()).startsWith("epoch 3: loss 0.5000 acc 0.6354 | dev loss 0.7000 acc 0.3125 | lr");
        EpochLog none = new EpochLog(3, 0.5, 0.6354, Double.NaN, Double.NaN, 0.01, 1.5, 0.2);
        assertThat(none.format()).startsWith("epoch 3: loss 0.5000 acc 0.6354 | lr");
    }
}
