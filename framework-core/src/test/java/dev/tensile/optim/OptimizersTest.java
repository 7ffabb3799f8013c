package dev.tensile.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.tensor.Matrix;

class OptimizersTest {

    private static Parameter param(float... w) {
        return new Parameter("p", new Matrix(1, w.length, w.clone()), new Matrix(1, w.length), false);
    }

    /** Minimises f(w) = ½·Σ c_i·w_i² (an ill-conditioned bowl) and returns the final distance from 0. */
    private static double minimise(Optimizer opt, int steps) {
        Parameter p = param(1f, -1f, 0.5f);
        float[] c = {1f, 10f, 0.1f};
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < 3; i++) {
                p.grad().data()[i] = c[i] * p.value().data()[i];
            }
            opt.step(List.of(p));
        }
        double d = 0;
        for (float v : p.value().data()) {
            d += v * v;
        }
        return Math.sqrt(d);
    }

    @Test
    void everyOptimizerConvergesOnAQuadraticBowl() {
        for (String name : Optimizers.names()) {
            double lr = name.startsWith("adam") || name.equals("rmsprop") ? 0.05 : 0.05;
            Optimizer opt = Optimizers.create(new PluginRef(name, Map.of("lr", lr)));
            assertThat(minimise(opt, 2000)).as(name).isLessThan(0.05);
        }
    }

    @Test
    void adamsFirstStepHasTheLearningRateAsItsSize() {
        // with bias correction, m̂ = g and v̂ = g², so the first step is lr·g/|g| = lr·sign(g)
        Parameter p = param(1f, 1f);
        p.grad().data()[0] = 3f;
        p.grad().data()[1] = -0.001f;
        new Adam(0.1).step(List.of(p));
        assertThat(p.value().data()[0]).isCloseTo(0.9f, within(1e-6f));
        assertThat(p.value().data()[1]).isCloseTo(1.1f, within(1e-4f));
    }

    @Test
    void momentumAndNesterovFollowTheirRecurrences() {
        Parameter a = param(1f);
        Parameter b = param(1f);
        Sgd momentum = new Sgd(0.1, 0.9, false);
        Sgd nesterov = new Sgd(0.1, 0.9, true);
        for (int s = 0; s < 2; s++) {
            a.grad().data()[0] = 1f;
            b.grad().data()[0] = 1f;
            momentum.step(List.of(a));
            nesterov.step(List.of(b));
        }
        // momentum: v1 = 1, w1 = 0.9; v2 = 1.9, w2 = 0.71
        assertThat(a.value().data()[0]).isCloseTo(0.71f, within(1e-6f));
        // nesterov: w1 = 1 - 0.1(1 + 0.9) = 0.81; v2 = 1.9, w2 = 0.81 - 0.1(1 + 1.71) = 0.539
        assertThat(b.value().data()[0]).isCloseTo(0.539f, within(1e-6f));
    }

    @Test
    void adamwDecaysWeightsDirectlyAndLeavesBiasesAlone() {
        Parameter w = param(2f);
        Parameter bias = new Parameter("b", new Matrix(1, 1, new float[] {2f}), new Matrix(1, 1), true);
        Optimizer opt = Optimizers.create(new PluginRef("adamw", Map.of("lr", 0.1, "weightDecay", 0.5)));
        opt.step(List.of(w, bias)); // zero gradients: only the decay acts
        assertThat(w.value().data()[0]).isEqualTo(2f * (1f - 0.05f));
        assertThat(bias.value().data()[0]).isEqualTo(2f);
    }

    @Test
    void badNamesAndParametersAreNamed() {
        assertThatThrownBy(() -> Optimizers.create(PluginRef.of("adma")))
                .hasMessageStartingWith("unknown optimizer 'adma'; did you mean 'adam'?");
        assertThatThrownBy(() -> Optimizers.create(new PluginRef("momentum", Map.of("momentum", 1.5))))
                .hasMessage("momentum parameter 'momentum' must be a number in [0, 0.9999], got 1.5");
        assertThatThrownBy(() -> Optimizers.create(new PluginRef("sgd", Map.of("beta1", 0.9))))
                .hasMessageStartingWith("sgd has no parameter 'beta1'");
    }

    @Test
    void schedulesGiveTheirFactors() {
        Schedule step = Schedule.create(new PluginRef("step", Map.of("every", 2, "gamma", 0.5)));
        assertThat(step.factor(1.9, 10)).isEqualTo(1.0);
        assertThat(step.factor(2.0, 10)).isEqualTo(0.5);
        assertThat(step.factor(4.5, 10)).isEqualTo(0.25);
        Schedule cosine = Schedule.create(new PluginRef("cosine", Map.of("minFactor", 0.1)));
        assertThat(cosine.factor(0, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(cosine.factor(5, 10)).isCloseTo(0.55, within(1e-12));
        assertThat(cosine.factor(10, 10)).isCloseTo(0.1, within(1e-12));
        Schedule exp = Schedule.create(new PluginRef("exponential", Map.of("gamma", 0.9)));
        assertThat(exp.factor(2, 10)).isCloseTo(0.81, within(1e-12));
        Schedule warm = Schedule.CONSTANT.withWarmup(2);
        assertThat(warm.factor(0.5, 10)).isCloseTo(0.25, within(1e-6));
        assertThat(warm.factor(3, 10)).isEqualTo(1.0);
    }
}
