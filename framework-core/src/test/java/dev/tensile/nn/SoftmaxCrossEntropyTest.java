package dev.tensile.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;

class SoftmaxCrossEntropyTest {
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    @Test
    void matchesTheDefinitionOnSmallLogits() {
        Matrix z = Matrix.of(new float[][] {{1f, 2f, 3f}});
        Matrix t = Matrix.of(new float[][] {{0f, 0f, 1f}});
        Matrix g = new Matrix(1, 3);
        double expected = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        assertThat(loss.lossAndGradient(z, t, g)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void staysFiniteWhenSoftmaxSaturatesToZero() {
        // softmax of the true class underflows to 0 in float32 here: a naive -log(p) is +inf.
        Matrix z = Matrix.of(new float[][] {{1e4f, -1e4f, 0f}, {-3e38f, 3e38f, 0f}});
        Matrix t = Matrix.of(new float[][] {{0f, 1f, 0f}, {1f, 0f, 0f}});
        Matrix g = new Matrix(2, 3);
        double l = loss.lossAndGradient(z, t, g);
        assertThat(Double.isFinite(l)).isTrue();
        assertThat(l).isCloseTo((2e4 + 6e38) / 2, within(1e33));
        for (float v : g.data()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Matrix z = Matrix.of(new float[][] {{0.3f, -1.2f, 2.0f, 0.1f}, {1.5f, 0.2f, -0.7f, 0.0f}});
        Matrix t = Matrix.of(new float[][] {{0f, 0f, 1f, 0f}, {0.25f, 0.25f, 0.25f, 0.25f}});
        GradientChecker.Report r = new GradientChecker().check(loss, z, t);
        assertThat(r.checked()).isEqualTo(z.size());
        assertThat(r.maxRelativeError()).as(r.toString()).isLessThan(1e-3);
    }

    @Test
    void predictionsAreProbabilities() {
        Matrix z = Matrix.of(new float[][] {{100f, 0f, -100f}});
        loss.toPredictions(z);
        assertThat(z.get(0, 0) + z.get(0, 1) + z.get(0, 2)).isCloseTo(1f, within(1e-6f));
        assertThat(z.get(0, 0)).isCloseTo(1f, within(1e-6f));
    }
}
