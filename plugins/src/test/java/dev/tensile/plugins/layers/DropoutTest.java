package dev.tensile.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Inverted dropout against its theory. With rate p and n = 200 000 units of value 1, the count of zeros is
 * binomial, so the fraction dropped has standard error sqrt(p(1-p)/n); each output is 0 or 1/(1-p), with mean 1 and
 * variance p/(1-p), so the mean output has standard error sqrt(p/((1-p)n)). Both are held to five standard errors.
 */
class DropoutTest {
    private static final int N = 200_000;

    /** A dropout worker on batches of {@code cols} values, drawing from {@code seed}. */
    private static Bench dropout(double rate, int cols, long seed) {
        return new Bench("dropout", Map.of("rate", rate), Shape.of(cols), new Rng(seed), true);
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
            Matrix in = ones();
            Matrix a = dropout(p, in.cols(), 7).worker.forward(in, true);
            assertThat(in.data()).as("the input is the caller's").containsOnly(1f);
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
        Bench d = dropout(0.3, 30, 9);
        Rng rng = new Rng(8);
        Matrix before = new Matrix(20, 30);
        for (int i = 0; i < before.size(); i++) {
            before.data()[i] = (float) rng.uniform(0.5, 2);
        }
        Matrix a = d.worker.forward(before, true);
        Matrix ones = new Matrix(20, 30);
        ones.fill(1f);
        Matrix g = d.worker.backward(ones);
        assertThat(ones.data()).as("the upstream gradient is the caller's").containsOnly(1f);
        // with an upstream gradient of ones, d out/d in per unit is the mask value itself: out / in
        for (int i = 0; i < a.size(); i++) {
            assertThat(g.data()[i]).isEqualTo(a.data()[i] == 0f ? 0f : (float) (1 / 0.7));
            assertThat(a.data()[i]).isEqualTo(before.data()[i] * g.data()[i]);
        }
    }

    @Test
    void inferenceIsTheIdentityAndDeterministic() {
        Bench d = dropout(0.5, N / 400, 10);
        Matrix a = ones();
        assertThat(d.worker.forward(a, false)).isSameAs(a);
        assertThat(countOtherThanOne(d.worker.forward(a, false))).isZero();
    }

    @Test
    void rateZeroKeepsEverythingInTraining() {
        Matrix a = ones();
        assertThat(countOtherThanOne(dropout(0, a.cols(), 11).worker.forward(a, true))).isZero();
    }

    @Test
    void sameSeedSameMask() {
        Matrix in = new Matrix(20, 30);
        in.fill(1f);
        Matrix a = dropout(0.4, 30, 12).worker.forward(in, true);
        Matrix b = dropout(0.4, 30, 12).worker.forward(in, true);
        assertThat(a.data()).containsExactly(b.data());
    }
}
