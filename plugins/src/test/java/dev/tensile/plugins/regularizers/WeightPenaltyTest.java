package dev.tensile.plugins.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.nn.GradientChecker;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** l2, l1 and elastic-net: penalties by their formulas, gradients exact or checked against finite differences. */
class WeightPenaltyTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    static Regularizer.WeightPenalty term(String name, Map<String, ?> params) {
        PluginRegistry.Bound<Regularizer> b = REGISTRY.bind(Regularizer.class, name, params);
        return (Regularizer.WeightPenalty) b.plugin().create(b.params());
    }

    /** Weights with |w| in [0.1, 1], so a step of 1e-3 never crosses L1's kink at 0. */
    private static Matrix awayFromZero(Rng rng) {
        Matrix w = new Matrix(6, 5);
        for (int i = 0; i < w.size(); i++) {
            w.data()[i] = (float) (rng.uniform(0.1, 1) * (rng.nextDouble() < 0.5 ? -1 : 1));
        }
        return w;
    }

    @Test
    void l2GradientIsExactlyLambdaWOverM() {
        // λ/m = 0.5/4 = 0.125, a power of two, so λw/m has one exact float value for every w
        Regularizer.WeightPenalty l2 = term("l2", Map.of("lambda", 0.5));
        Matrix w = awayFromZero(new Rng(1));
        Matrix grad = new Matrix(w.rows(), w.cols());
        l2.addGradient(w, grad, 4);
        double sumSq = 0;
        for (int i = 0; i < w.size(); i++) {
            assertThat(grad.data()[i]).isEqualTo(w.data()[i] * 0.125f);
            sumSq += (double) w.data()[i] * w.data()[i];
        }
        assertThat(l2.penalty(w, 4)).isCloseTo(0.5 / 8 * sumSq, within(1e-15));
        assertThat(new GradientChecker().check(l2, w, 4, new Rng(2)).maxRelativeError()).isLessThan(1e-3);
    }

    @Test
    void l1UsesTheSameOneOverMAsL2() {
        Regularizer.WeightPenalty l1 = term("l1", Map.of("lambda", 0.3));
        Matrix w = Matrix.of(new float[][] {{1, -2}, {0.5f, 0}});
        assertThat(l1.penalty(w, 3)).isCloseTo(0.3 / 3 * 3.5, within(1e-12));
        Matrix grad = new Matrix(2, 2);
        l1.addGradient(w, grad, 3);
        float k = 0.1f;
        assertThat(grad.data()).containsExactly(k, -k, k, 0f);
    }

    @Test
    void l1GradientMatchesFiniteDifferencesAwayFromZero() {
        // L1 is piecewise linear: away from 0 the central difference is exact up to float round-off
        GradientChecker.Report r = new GradientChecker().check(term("l1", Map.of("lambda", 0.7)),
                awayFromZero(new Rng(3)), 5, new Rng(4));
        assertThat(r.maxRelativeError()).as(r.toString()).isLessThan(1e-3);
    }

    @Test
    void elasticNetIsTheSumOfL1AndL2() {
        Matrix w = awayFromZero(new Rng(5));
        Regularizer.WeightPenalty en = term("elastic-net", Map.of("l1", 0.2, "l2", 0.6));
        Regularizer.WeightPenalty l1 = term("l1", Map.of("lambda", 0.2));
        Regularizer.WeightPenalty l2 = term("l2", Map.of("lambda", 0.6));
        assertThat(en.penalty(w, 7)).isCloseTo(l1.penalty(w, 7) + l2.penalty(w, 7), within(1e-12));
        Matrix sum = new Matrix(w.rows(), w.cols());
        l1.addGradient(w, sum, 7);
        l2.addGradient(w, sum, 7);
        Matrix grad = new Matrix(w.rows(), w.cols());
        en.addGradient(w, grad, 7);
        for (int i = 0; i < w.size(); i++) {
            assertThat(grad.data()[i]).isCloseTo(sum.data()[i], within(1e-6f));
        }
        GradientChecker.Report r = new GradientChecker().check(en, w, 7, new Rng(6));
        assertThat(r.maxRelativeError()).as(r.toString()).isLessThan(1e-3);
    }
}
