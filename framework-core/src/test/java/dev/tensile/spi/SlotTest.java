package dev.tensile.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

class SlotTest {

    @Test
    void theFactoriesSayWhoInitializesWhatIsTrainedAndWhatIsRegularized() {
        Layer.Slot w = Layer.Slot.weights("weights", Shape.of(4, 3), 4, 3);
        assertThat(w.usesLayerInitializer()).isTrue();
        assertThat(w.regularized()).isTrue();
        assertThat(w.trainable()).isTrue();

        Layer.Slot b = Layer.Slot.bias("bias", Shape.of(3));
        assertThat(b.usesLayerInitializer()).isFalse();
        assertThat(b.regularized()).isFalse();
        assertThat(b.trainable()).isTrue();
        Matrix m = new Matrix(1, 3);
        m.fill(5f);
        b.init().fill(m, 1, 1, new Rng(1));
        assertThat(m.data()).containsExactly(0f, 0f, 0f);

        Layer.Slot s = Layer.Slot.state("runningVariance", Shape.of(3), 1f);
        assertThat(s.trainable()).isFalse();
        s.init().fill(m, 1, 1, new Rng(1));
        assertThat(m.data()).containsExactly(1f, 1f, 1f);
    }

    @Test
    void badSlotsAreRefused() {
        assertThatThrownBy(() -> Layer.Slot.bias("Bias", Shape.of(3))).hasMessage("slot name 'Bias' is not lower camelCase");
        assertThatThrownBy(() -> Layer.Slot.weights("layer.weights", Shape.of(3), 1, 1)).hasMessageContaining("not lower camelCase");
        assertThatThrownBy(() -> Layer.Slot.weights("w", Shape.of(3), 0, 1)).hasMessage("slot w needs positive fan-in and fan-out");
        assertThatThrownBy(() -> new Layer.Slot("mean", Shape.of(3), null, 1, 1, false, false))
                .hasMessage("state slot mean needs its own initial value");
    }
}
