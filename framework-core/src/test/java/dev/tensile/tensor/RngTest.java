package dev.tensile.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void theSameSeedRepeatsAndDerivedStreamsDiffer() {
        Rng a = new Rng(7);
        Rng b = new Rng(7);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        assertThat(new Rng(7).derive("init:1").nextLong()).isNotEqualTo(new Rng(7).derive("init:2").nextLong());
    }

    @Test
    void aRestoredStateContinuesExactly() {
        Rng a = new Rng(11);
        a.gaussian(); // leaves a spare normal waiting, which the state must carry
        Rng b = Rng.restore(a.state());
        for (int i = 0; i < 50; i++) {
            assertThat(b.gaussian()).isEqualTo(a.gaussian());
            assertThat(b.nextInt(10)).isEqualTo(a.nextInt(10));
        }
    }

    @Test
    void momentsOfUniformAndNormalAreWithinSamplingError() {
        Rng r = new Rng(3);
        int n = 200_000;
        double su = 0;
        double sg = 0;
        double sg2 = 0;
        for (int i = 0; i < n; i++) {
            su += r.nextDouble();
            double g = r.gaussian();
            sg += g;
            sg2 += g * g;
        }
        // standard errors: uniform mean sqrt(1/12/n) ~ 6.5e-4, normal mean 1/sqrt(n) ~ 2.2e-3, variance sqrt(2/n) ~ 3.2e-3
        assertThat(su / n).isCloseTo(0.5, within(5 * 6.5e-4));
        assertThat(sg / n).isCloseTo(0.0, within(5 * 2.3e-3));
        assertThat(sg2 / n).isCloseTo(1.0, within(5 * 3.2e-3));
    }

    @Test
    void nextIntIsUniformOverItsBound() {
        Rng r = new Rng(5);
        int[] counts = new int[7];
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(7)]++;
        }
        // each count ~ Binomial(n, 1/7): sd = sqrt(n p (1-p)) ~ 92
        for (int c : counts) {
            assertThat((double) c).isCloseTo(10_000, within(5 * 92.0));
        }
    }
}
