package dev.tensile.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;

class MeanSquaredErrorTest {

    @Test
    void lossIsTheMeanOfSquaredDifferencesOverRowsAndOutputs() {
        Matrix o = Matrix.of(new float[][] {{1f, 2f}, {3f, 4f}});
        Matrix t = Matrix.of(new float[][] {{0f, 2f}, {5f, 4f}});
        Matrix g = new Matrix(2, 2);
        double loss = new MeanSquaredError().lossAndGradient(o, t, g);
        assertThat(loss).isEqualTo((1 + 0 + 4 + 0) / 4.0);
        assertThat(g.data()).containsExactly(0.5f, 0f, -1f, 0f);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Matrix o = Matrix.of(new float[][] {{0.3f, -1.2f}, {2.5f, 0.1f}, {-0.7f, 1.9f}});
        Matrix t = Matrix.of(new float[][] {{0.1f, -1f}, {2f, 0.5f}, {0f, 2f}});
        Matrix g = new Matrix(3, 2);
        MeanSquaredError mse = new MeanSquaredError();
        mse.lossAndGradient(o, t, g);
        Matrix scratch = new Matrix(3, 2);
        float h = 1e-2f;
        for (int i = 0; i < 6; i++) {
            float keep = o.data()[i];
            o.data()[i] = keep + h;
            double up = mse.lossAndGradient(o, t, scratch);
            o.data()[i] = keep - h;
            double down = mse.lossAndGradient(o, t, scratch);
            o.data()[i] = keep;
            // The loss is quadratic, so the central difference is exact up to float rounding.
            assertThat(g.data()[i]).as("element %d", i).isCloseTo((float) ((up - down) / (2 * h)), within(1e-4f));
        }
    }

    @Test
    void predictionsAreTheRawOutputs() {
        Matrix o = Matrix.of(new float[][] {{-3f, 7f}});
        new MeanSquaredError().toPredictions(o);
        assertThat(o.data()).containsExactly(-3f, 7f);
        assertThat(new MeanSquaredError().classification()).isFalse();
    }
}
