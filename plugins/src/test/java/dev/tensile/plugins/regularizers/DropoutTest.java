package dev.tensile.plugins.regularizers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Inverted dropout against its theory. With rate p and n = 200 000 units of value 1, the count of zeros is
 * binomial, so the fraction dropped has standard error sqrt(p(1-p)/n); each output is 0 or 1/(1-p), with mean 1 and
 * variance p/(1-p), so the mean output has standard error sqrt(p/((1-p)n)). Both are held to five standard errors.
 */
class DropoutTest {
    private static final int N = 200_000;

    private static Regularizer.Term dropout(double rate) {
        return WeightPenaltyTest.term("dropout", Map.of("rate", rate));
    }

    private static Matrix ones() {
        Matrix a = new Matrix(400, N / 400);
        a.fill(1f);
        return a;
    }

    private static int countOtherThanOne(Matrix a) {
        int n = 0;
        for (float v : a.data()) {
            n += v == 1f ? 0 : 1;
        }
        return n;
    }

    @Test
    void rateIsTheFractionDroppedAndTheMeanIsPreserved() {
        for (double p : new double[] {0.1, 0.5, 0.8}) {
            Matrix a = ones();
            assertThat(dropout(p).actsOnActivations()).isTrue();
            dropout(p).forward(a, true, new Rng(7));
            int zeros = 0;
            int otherThanScale = 0;
            double sum = 0;
            for (float v : a.data()) {
                if (v == 0f) {
                    zeros++;
                } else if (v != (float) (1 / (1 - p))) {
                    otherThanScale++;
                }
                sum += v;
            }
            assertThat(otherThanScale).as("survivors scaled by 1/(1-rate)").isZero();
            assertThat(Math.abs((double) zeros / N - p)).as("fraction dropped at rate %s", p)
                    .isLessThan(5 * Math.sqrt(p * (1 - p) / N));
            assertThat(Math.abs(sum / N - 1)).as("mean at rate %s", p).isLessThan(5 * Math.sqrt(p / ((1 - p) * N)));
        }
    }

    @Test
    void backwardAppliesTheForwardMask() {
        Regularizer.Term d = dropout(0.3);
        Rng rng = new Rng(8);
        Matrix a = new Matrix(20, 30);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = (float) rng.uniform(0.5, 2);
        }
        Matrix before = a.copy();
        d.forward(a, true, new Rng(9));
        Matrix g = new Matrix(20, 30);
        g.fill(1f);
        d.backward(g);
        // with an upstream gradient of ones, d out/d in per unit is the mask value itself: out / in
        for (int i = 0; i < a.size(); i++) {
            assertThat(g.data()[i]).isEqualTo(a.data()[i] == 0f ? 0f : (float) (1 / 0.7));
            assertThat(a.data()[i]).isEqualTo(before.data()[i] * g.data()[i]);
        }
    }

    @Test
    void inferenceIsTheIdentityAndDeterministic() {
        Regularizer.Term d = dropout(0.5);
        Matrix a = ones();
        Rng rng = new Rng(10);
        d.forward(a, false, rng);
        d.forward(a, false, rng);
        assertThat(countOtherThanOne(a)).isZero();
    }

    @Test
    void rateZeroKeepsEverythingInTraining() {
        Matrix a = ones();
        dropout(0).forward(a, true, new Rng(11));
        assertThat(countOtherThanOne(a)).isZero();
    }

    @Test
    void sameSeedSameMask() {
        Matrix a = new Matrix(20, 30);
        a.fill(1f);
        Matrix b = a.copy();
        dropout(0.4).forward(a, true, new Rng(12));
        dropout(0.4).forward(b, true, new Rng(12));
        assertThat(a.data()).containsExactly(b.data());
    }
}
