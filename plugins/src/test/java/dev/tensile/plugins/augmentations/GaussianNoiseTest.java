package dev.tensile.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

class GaussianNoiseTest {

    @Test
    void noiseHasMeanZeroAndTheGivenStandardDeviation() {
        // n = 200 000 draws of N(0, σ²): the sample mean has standard error σ/√n, the sample variance σ²·sqrt(2/(n-1))
        double std = 0.5;
        Matrix x = new Matrix(500, 400);
        x.fill(3f);
        Matrix y = Augment.oneHot(500, 3, 1);
        Matrix y0 = y.copy();
        Augment.augmenter("gaussian-noise", Map.of("std", std)).apply(x, y, new Rng(2));
        int n = x.size();
        double sum = 0;
        double sumSq = 0;
        for (float v : x.data()) {
            sum += v - 3;
            sumSq += (v - 3.0) * (v - 3.0);
        }
        double mean = sum / n;
        double var = (sumSq - n * mean * mean) / (n - 1);
        assertThat(mean).isCloseTo(0, within(5 * std / Math.sqrt(n)));
        assertThat(var).isCloseTo(std * std, within(5 * std * std * Math.sqrt(2.0 / (n - 1))));
        assertThat(y.data()).as("labels").containsExactly(y0.data());
    }

    @Test
    void zeroStdIsTheIdentityAndTheSameSeedRepeats() {
        Matrix x = Augment.images(8, 10, 3);
        Matrix x0 = x.copy();
        Augment.augmenter("gaussian-noise", Map.of("std", 0.0)).apply(x, new Matrix(8, 2), new Rng(4));
        assertThat(x.data()).containsExactly(x0.data());
        Matrix a = x0.copy();
        Matrix b = x0.copy();
        Augment.augmenter("gaussian-noise", Map.of()).apply(a, new Matrix(8, 2), new Rng(5));
        Augment.augmenter("gaussian-noise", Map.of()).apply(b, new Matrix(8, 2), new Rng(5));
        assertThat(a.data()).containsExactly(b.data()).isNotEqualTo(x0.data());
    }
}
