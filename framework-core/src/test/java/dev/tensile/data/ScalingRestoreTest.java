package dev.tensile.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** A scaling rebuilt from its statistics (as a model file stores them) scales every value to the same float. */
class ScalingRestoreTest {
    private static final FeatureLayout LAYOUT = FeatureLayout.named(List.of("a", "b", "c"));

    private static Matrix data(int rows, long seed, boolean constantC) {
        Rng rng = new Rng(seed);
        Matrix x = new Matrix(rows, 3);
        for (int r = 0; r < rows; r++) {
            x.set(r, 0, (float) (5 + 2 * rng.gaussian()));
            x.set(r, 1, (float) (-3e-3 + 1.2e-2 * rng.nextDouble()));
            x.set(r, 2, constantC ? 4f : (float) rng.gaussian());
        }
        return x;
    }

    @Test
    void restoredFromItsStatisticsAScalingScalesBitForBitAsTheFittedOne() {
        for (Scaling.Kind kind : List.of(Scaling.Kind.MIN_MAX, Scaling.Kind.Z_SCORE)) {
            Scaling fitted = Scaling.fit(kind, data(300, 1, true), LAYOUT, null);
            double[][] stats = fitted.statistics();
            assertThat(stats[2]).as("constant column").isNull();
            Scaling restored = Scaling.restore(kind, stats, LAYOUT);
            assertThat(restored.kind()).isEqualTo(kind);
            assertThat(restored.statistics()).isDeepEqualTo(stats);
            assertThat(restored.transformers().get("a").get(0)).isEqualTo(fitted.transformers().get("a").get(0));
            Matrix x = data(500, 2, false); // other data: values beyond the training range, c no longer constant
            Matrix y = x.copy();
            fitted.apply(x);
            restored.apply(y);
            for (int i = 0; i < x.size(); i++) {
                assertThat(Float.floatToRawIntBits(y.data()[i])).as(kind.label() + " value " + i)
                        .isEqualTo(Float.floatToRawIntBits(x.data()[i]));
            }
        }
        assertThat(Scaling.none().statistics()).isNull();
        assertThat(Scaling.restore(Scaling.Kind.NONE, null, LAYOUT).kind()).isEqualTo(Scaling.Kind.NONE);
    }

    @Test
    void impossibleStatisticsAreRefused() {
        assertThatThrownBy(() -> Scaling.restore(Scaling.Kind.MIN_MAX, new double[][] {{0, 1}, null}, LAYOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the scaling has 2 columns, the input 3");
        assertThatThrownBy(() -> Scaling.restore(Scaling.Kind.MIN_MAX, new double[][] {{0, 1}, {2, 1}, null}, LAYOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column 1 has min 2.0 above max 1.0");
        assertThatThrownBy(() -> Scaling.restore(Scaling.Kind.Z_SCORE, new double[][] {{0, 1}, {2, 0}, null}, LAYOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("column 1 has stdDev 0.0");
        assertThatThrownBy(() -> Scaling.restore(Scaling.Kind.Z_SCORE, new double[][] {{Double.NaN, 1}, null, null}, LAYOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column 0 needs two finite statistics");
    }
}
