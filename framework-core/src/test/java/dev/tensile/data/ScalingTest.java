package dev.tensile.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** Tribuo's min-max and z-score, fitted on the training matrix and applied unchanged to any other. */
class ScalingTest {
    private static final FeatureLayout LAYOUT = FeatureLayout.named(List.of("a", "b", "c"));

    /** Column a ~ N(5, 2), column b uniform in [-3, 9), column c constant 4. */
    private static Matrix train(int rows) {
        Rng rng = new Rng(11);
        Matrix x = new Matrix(rows, 3);
        for (int r = 0; r < rows; r++) {
            x.set(r, 0, (float) (5 + 2 * rng.gaussian()));
            x.set(r, 1, (float) (-3 + 12 * rng.nextDouble()));
            x.set(r, 2, 4f);
        }
        return x;
    }

    @Test
    void minMaxMapsTheTrainingRangeOntoZeroToOne() {
        Matrix x = train(500);
        Matrix raw = x.copy();
        Scaling s = Scaling.fit(Scaling.Kind.MIN_MAX, x, LAYOUT, null);
        s.apply(x);
        for (int c = 0; c < 2; c++) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            float rawMin = Float.MAX_VALUE;
            float rawMax = -Float.MAX_VALUE;
            for (int r = 0; r < x.rows(); r++) {
                min = Math.min(min, x.get(r, c));
                max = Math.max(max, x.get(r, c));
                rawMin = Math.min(rawMin, raw.get(r, c));
                rawMax = Math.max(rawMax, raw.get(r, c));
            }
            assertThat(min).isCloseTo(0f, within(1e-6f));
            assertThat(max).isCloseTo(1f, within(1e-6f));
            // Applied later to unseen data, the TRAINING range is used, and Tribuo clamps to [0, 1].
            Matrix other = new Matrix(3, 3);
            other.set(0, c, (rawMin + rawMax) / 2);
            other.set(1, c, 2 * rawMax - rawMin);
            other.set(2, c, rawMin - 1);
            s.apply(other);
            assertThat(other.get(0, c)).isCloseTo(0.5f, within(1e-5f));
            assertThat(other.get(1, c)).isEqualTo(1f);
            assertThat(other.get(2, c)).isEqualTo(0f);
        }
    }

    @Test
    void zScoreGivesMeanZeroAndUnitSampleDeviationOnTrainingData() {
        Matrix x = train(500);
        Scaling s = Scaling.fit(Scaling.Kind.Z_SCORE, x, LAYOUT, null);
        s.apply(x);
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < x.rows(); r++) {
                sum += x.get(r, c);
            }
            double mean = sum / x.rows();
            for (int r = 0; r < x.rows(); r++) {
                sq += (x.get(r, c) - mean) * (x.get(r, c) - mean);
            }
            assertThat(mean).isCloseTo(0, within(1e-5));
            // Tribuo's MeanStdDevTransformation divides by the sample deviation (n - 1).
            assertThat(Math.sqrt(sq / (x.rows() - 1))).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void aColumnConstantInTrainingBecomesZeroForEveryInput() {
        for (Scaling.Kind kind : List.of(Scaling.Kind.MIN_MAX, Scaling.Kind.Z_SCORE)) {
            Matrix x = train(50);
            Scaling s = Scaling.fit(kind, x, LAYOUT, null);
            Matrix other = new Matrix(1, 3);
            other.set(0, 2, 1000f);
            s.apply(other);
            assertThat(other.get(0, 2)).as(kind.label()).isZero();
            s.apply(x);
            assertThat(x.get(7, 2)).as(kind.label()).isZero();
        }
    }

    @Test
    void theFittedTransformersAreRecordedByFeatureName() {
        Scaling s = Scaling.fit(Scaling.Kind.MIN_MAX, train(20), LAYOUT, null);
        assertThat(s.transformers().size()).isEqualTo(3);
        assertThat(s.transformers().get("a").get(0).toString()).startsWith("LinearScalingTransformer");
        assertThat(Scaling.none().transformers()).isNull();
    }

    @Test
    void namesParseAndAWrongOneSuggests() {
        assertThat(Scaling.Kind.parse("min-max")).isEqualTo(Scaling.Kind.MIN_MAX);
        assertThat(Scaling.Kind.parse("z-score")).isEqualTo(Scaling.Kind.Z_SCORE);
        assertThatThrownBy(() -> Scaling.Kind.parse("minmax"))
                .hasMessage("unknown scaling 'minmax'; did you mean 'min-max'? (scalings: none, min-max, z-score)");
    }
}
