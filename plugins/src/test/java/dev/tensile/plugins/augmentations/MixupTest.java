package dev.tensile.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

class MixupTest {

    @Test
    void lambdaFollowsBetaAlphaAlpha() {
        // Beta(α, α): mean 1/2, variance 1/(4(2α+1)), kurtosis 3 - 6/(2α+3); five standard errors of each estimate
        for (double alpha : new double[] {0.2, 1, 4}) {
            int n = 20_000;
            Rng rng = new Rng(1);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double l = Mixup.sampleLambda(alpha, rng);
                assertThat(l).isBetween(0.0, 1.0);
                sum += l;
                sumSq += l * l;
            }
            double mean = sum / n;
            double var = (sumSq - n * mean * mean) / (n - 1);
            double expectedVar = 1 / (4 * (2 * alpha + 1));
            double kurtosis = 3 - 6 / (2 * alpha + 3);
            assertThat(mean).as("mean, alpha %s", alpha).isCloseTo(0.5, within(5 * Math.sqrt(expectedVar / n)));
            assertThat(var).as("variance, alpha %s", alpha)
                    .isCloseTo(expectedVar, within(5 * expectedVar * Math.sqrt((kurtosis - 1) / n)));
        }
    }

    @Test
    void mixesInputsAndTargetsWithTheSameWeightAndTargetsStillSumToOne() {
        // inputs equal to the one-hot targets: mixing both alike must keep them equal
        Matrix y = Augment.oneHot(64, 5, 2);
        Matrix x = y.copy();
        Augment.augmenter("mixup", Map.of("alpha", 1.0)).apply(x, y, new Rng(3));
        assertThat(x.data()).containsExactly(y.data());
        int mixed = 0;
        for (int r = 0; r < y.rows(); r++) {
            double sum = 0;
            int nonZero = 0;
            for (int j = 0; j < y.cols(); j++) {
                assertThat(y.get(r, j)).isBetween(0f, 1f);
                sum += y.get(r, j);
                nonZero += y.get(r, j) != 0 ? 1 : 0;
            }
            assertThat(sum).isCloseTo(1, within(1e-6));
            assertThat(nonZero).isBetween(1, 2);
            mixed += nonZero == 2 ? 1 : 0;
        }
        assertThat(mixed).as("examples of other classes were mixed in").isPositive();
    }

    @Test
    void alphaZeroIsTheIdentityAndTheSameSeedRepeats() {
        Matrix x = Augment.images(16, 10, 4);
        Matrix y = Augment.oneHot(16, 3, 5);
        Matrix x0 = x.copy();
        Augment.augmenter("mixup", Map.of("alpha", 0.0)).apply(x, y, new Rng(6));
        assertThat(x.data()).containsExactly(x0.data());
        Matrix a = x0.copy();
        Matrix b = x0.copy();
        Augment.augmenter("mixup", Map.of()).apply(a, y.copy(), new Rng(7));
        Augment.augmenter("mixup", Map.of()).apply(b, y.copy(), new Rng(7));
        assertThat(a.data()).containsExactly(b.data()).isNotEqualTo(x0.data());
    }
}
