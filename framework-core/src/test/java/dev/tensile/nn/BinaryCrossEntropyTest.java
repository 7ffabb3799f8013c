package dev.tensile.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;

class BinaryCrossEntropyTest {
    private final BinaryCrossEntropy loss = new BinaryCrossEntropy();

    @Test
    void matchesTheTextbookFormulaWhereThatIsFinite() {
        Matrix z = Matrix.of(new float[][] {{0.5f, -2f}, {3f, 0f}});
        Matrix t = Matrix.of(new float[][] {{1f, 0f}, {0f, 0.25f}});
        Matrix g = new Matrix(2, 2);
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-z.data()[i]));
            expected += -(t.data()[i] * Math.log(p) + (1 - t.data()[i]) * Math.log(1 - p));
        }
        assertThat(loss.lossAndGradient(z, t, g)).isCloseTo(expected / 4, within(1e-7));
    }

    @Test
    void staysFiniteWhereTheSigmoidRoundsToZeroOrOne() {
        // σ(100) is 1 in float and in double: the textbook -log(1 - σ) is +inf; the exact loss is about 100.
        Matrix z = Matrix.of(new float[][] {{100f, -1e30f}});
        Matrix t = Matrix.of(new float[][] {{0f, 1f}});
        Matrix g = new Matrix(1, 2);
        double l = loss.lossAndGradient(z, t, g);
        assertThat(l).isCloseTo((100 + 1e30) / 2, within(1e24));
        assertThat(g.data()).containsExactly(0.5f, -0.5f);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Matrix z = Matrix.of(new float[][] {{0.3f, -1.2f, 2.0f}, {1.5f, 0.2f, -0.7f}});
        Matrix t = Matrix.of(new float[][] {{0f, 1f, 1f}, {1f, 0f, 0.5f}});
        GradientChecker.Report r = new GradientChecker().check(loss, z, t);
        assertThat(r.checked()).isEqualTo(z.size());
        assertThat(r.maxRelativeError()).as(r.toString()).isLessThan(1e-3);
    }

    @Test
    void predictionsAreSigmoids() {
        Matrix z = Matrix.of(new float[][] {{0f, 1000f, -1000f}});
        loss.toPredictions(z);
        assertThat(z.data()).containsExactly(0.5f, 1f, 0f);
    }
}
