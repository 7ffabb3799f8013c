package dev.tensile.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.tensile.eval.Diagnosis.Problem;

/** The bias/variance rules on constructed cases, including the background text's own examples. */
class DiagnosisTest {
    private static final String BIGGER = Diagnosis.BIAS_REMEDIES.get(0);

    @Test
    void trainingErrorFarAboveHumanIsHighBias() {
        Diagnosis d = Diagnosis.of(0.01, 0.15, 0.16);
        assertThat(d.avoidableBias()).isCloseTo(0.14, within(1e-12));
        assertThat(d.variance()).isCloseTo(0.01, within(1e-12));
        assertThat(d.problem()).isEqualTo(Problem.HIGH_BIAS);
        assertThat(d.recommendations()).containsExactlyElementsOf(Diagnosis.BIAS_REMEDIES);
        assertThat(d.recommendations()).contains(BIGGER, "train longer (more epochs)");
    }

    @Test
    void devErrorFarAboveTrainingIsHighVarianceAndNeverAsksForABiggerNetwork() {
        Diagnosis d = Diagnosis.of(0.01, 0.01, 0.11);
        assertThat(d.problem()).isEqualTo(Problem.HIGH_VARIANCE);
        assertThat(d.recommendations()).containsAll(Diagnosis.VARIANCE_REMEDIES).contains(Diagnosis.NOT_BIGGER)
                .doesNotContain(BIGGER).noneMatch(r -> r.startsWith("a bigger network"));
        assertThat(d.report()).contains("high variance (overfitting)").contains("do NOT make the network bigger");
    }

    @Test
    void theSameErrorsAreBiasOrVarianceDependingOnHumanLevel() {
        // Training 8%, dev 10%: against a human error of 1% the 7-point gap to human is the problem...
        assertThat(Diagnosis.of(0.01, 0.08, 0.10).problem()).isEqualTo(Problem.HIGH_BIAS_AND_VARIANCE);
        assertThat(Diagnosis.of(0.01, 0.08, 0.10).dominant()).isEqualTo(Problem.HIGH_BIAS);
        // ...against 7.5% the model is as good as a human on training data, and only variance is left.
        assertThat(Diagnosis.of(0.075, 0.08, 0.10).problem()).isEqualTo(Problem.HIGH_VARIANCE);
    }

    @Test
    void bothHighNamesTheLargerGapAsDominant() {
        Diagnosis biasFirst = Diagnosis.of(0.0, 0.20, 0.25);
        assertThat(biasFirst.problem()).isEqualTo(Problem.HIGH_BIAS_AND_VARIANCE);
        assertThat(biasFirst.dominant()).isEqualTo(Problem.HIGH_BIAS);
        assertThat(biasFirst.recommendations().get(0)).isEqualTo(BIGGER);
        assertThat(biasFirst.recommendations()).last().asString().startsWith("then, for the variance:");
        assertThat(biasFirst.report()).contains("high bias and high variance, bias dominates");

        Diagnosis varianceFirst = Diagnosis.of(0.01, 0.05, 0.20);
        assertThat(varianceFirst.problem()).isEqualTo(Problem.HIGH_BIAS_AND_VARIANCE);
        assertThat(varianceFirst.dominant()).isEqualTo(Problem.HIGH_VARIANCE);
        assertThat(varianceFirst.recommendations()).contains(Diagnosis.NOT_BIGGER).doesNotContain(BIGGER);
        assertThat(varianceFirst.report()).contains("variance dominates");
    }

    @Test
    void smallGapsAreNeither() {
        Diagnosis d = Diagnosis.of(0.05, 0.06, 0.07);
        assertThat(d.problem()).isEqualTo(Problem.NEITHER);
        assertThat(d.recommendations()).singleElement().asString().startsWith("nothing stands out");
    }

    @Test
    void aGapEqualToTheToleranceIsNotAProblemAndOneJustAboveIs() {
        // Binary fractions, so the differences are exact.
        assertThat(new Diagnosis(0.25, 0.5, 0.75, 0.25).problem()).isEqualTo(Problem.NEITHER);
        assertThat(new Diagnosis(0.25, 0.5, 0.75, 0.125).problem()).isEqualTo(Problem.HIGH_BIAS_AND_VARIANCE);
    }

    @Test
    void trainingBelowHumanLevelIsNotBiasAndTheReportQuestionsTheFigure() {
        Diagnosis d = Diagnosis.of(0.10, 0.02, 0.03);
        assertThat(d.avoidableBias()).isNegative();
        assertThat(d.problem()).isEqualTo(Problem.NEITHER);
        assertThat(d.report()).contains("below the human-level error");
    }

    @Test
    void errorRatesOutsideZeroToOneAreRejectedByName() {
        assertThatThrownBy(() -> Diagnosis.of(5, 0.1, 0.2)).hasMessage("humanError must be an error rate in [0, 1], got 5.0");
        assertThatThrownBy(() -> Diagnosis.of(0.05, Double.NaN, 0.2)).hasMessageStartingWith("trainError");
        assertThatThrownBy(() -> new Diagnosis(0.05, 0.1, 0.2, -1)).hasMessageStartingWith("tolerance");
    }
}
