package dev.tensile.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Regularizer;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** The checker must pass right gradients and, just as much, catch wrong ones. */
class GradientCheckerTest {
    private final GradientChecker checker = new GradientChecker();

    private static Matrix random(int rows, int cols, double lo, double hi, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) rng.uniform(lo, hi);
        }
        return m;
    }

    /** f(z) = z³ with the derivative 3z² or, when {@code wrong}, 2z². */
    private static Activation.Function cube(boolean wrong) {
        return new Activation.Function() {
            @Override
            public void forward(Matrix z, Matrix a) {
                for (int i = 0; i < z.size(); i++) {
                    float v = z.data()[i];
                    a.data()[i] = v * v * v;
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                for (int i = 0; i < z.size(); i++) {
                    float v = z.data()[i];
                    gradZ.data()[i] = gradA.data()[i] * (wrong ? 2 : 3) * v * v;
                }
            }
        };
    }

    /** Row-wise a_j = z_j · S with S the row sum; dL/dz_k = g_k·S + Σ_j g_j z_j (the second term is the coupling). */
    private static Activation.Function rowScale(boolean dropCoupling) {
        return new Activation.Function() {
            @Override
            public void forward(Matrix z, Matrix a) {
                for (int r = 0; r < z.rows(); r++) {
                    double s = 0;
                    for (int j = 0; j < z.cols(); j++) {
                        s += z.get(r, j);
                    }
                    for (int j = 0; j < z.cols(); j++) {
                        a.set(r, j, (float) (z.get(r, j) * s));
                    }
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                for (int r = 0; r < z.rows(); r++) {
                    double s = 0;
                    double gz = 0;
                    for (int j = 0; j < z.cols(); j++) {
                        s += z.get(r, j);
                        gz += gradA.get(r, j) * z.get(r, j);
                    }
                    for (int k = 0; k < z.cols(); k++) {
                        gradZ.set(r, k, (float) (gradA.get(r, k) * s + (dropCoupling ? 0 : gz)));
                    }
                }
            }
        };
    }

    @Test
    void passesARightElementwiseDerivativeAndCatchesAWrongOne() {
        Rng rng = new Rng(1);
        Matrix z = random(6, 5, 0.5, 2, rng);
        Matrix before = z.copy();
        assertThat(checker.check(cube(false), z, new Rng(2)).maxRelativeError()).isLessThan(1e-3);
        assertThat(z.data()).containsExactly(before.data());
        // 2z² against 3z²: relative error 1/3 everywhere
        assertThat(checker.check(cube(true), z, new Rng(2)).maxRelativeError()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-2));
    }

    @Test
    void checksTheCouplingOfRowWiseFunctions() {
        Matrix z = random(4, 3, -1, 1, new Rng(3));
        assertThat(checker.check(rowScale(false), z, new Rng(4)).maxRelativeError()).isLessThan(1e-3);
        assertThat(checker.check(rowScale(true), z, new Rng(4)).maxRelativeError()).isGreaterThan(0.1);
    }

    /** penalty Σw⁴/m, gradient 4w³/m; {@code overwrite} sets the gradient instead of adding to it. */
    private static Regularizer.WeightPenalty quartic(boolean overwrite) {
        return new Regularizer.WeightPenalty() {
            @Override
            public double penalty(Matrix w, int m) {
                double s = 0;
                for (float v : w.data()) {
                    s += Math.pow(v, 4);
                }
                return s / m;
            }

            @Override
            public void addGradient(Matrix w, Matrix grad, int m) {
                for (int i = 0; i < w.size(); i++) {
                    float g = 4 * (float) Math.pow(w.data()[i], 3) / m;
                    grad.data()[i] = overwrite ? g : grad.data()[i] + g;
                }
            }
        };
    }

    @Test
    void checksThatARegularizerAddsTheDerivativeOfItsPenalty() {
        Matrix w = random(5, 4, -2, 2, new Rng(5));
        assertThat(checker.check(quartic(false), w, 8, new Rng(6)).maxRelativeError()).isLessThan(1e-3);
        assertThat(checker.check(quartic(true), w, 8, new Rng(6)).maxRelativeError()).isGreaterThan(0.1);
    }

    private static Activation.Function tanh() {
        return new Activation.Function() {
            @Override
            public void forward(Matrix z, Matrix a) {
                for (int i = 0; i < z.size(); i++) {
                    a.data()[i] = (float) Math.tanh(z.data()[i]);
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                for (int i = 0; i < z.size(); i++) {
                    gradZ.data()[i] = gradA.data()[i] * (1 - a.data()[i] * a.data()[i]);
                }
            }
        };
    }

    /** Passes values forward unchanged but doubles the gradient on the way back: a planted backprop bug. */
    private static Stage doubling(int size) {
        Layer.Worker w = new Layer.Worker() {
            @Override
            public Matrix forward(Matrix input, boolean training) {
                return input;
            }

            @Override
            public Matrix backward(Matrix gradOutput) {
                Matrix g = gradOutput.copy();
                for (int i = 0; i < g.size(); i++) {
                    g.data()[i] *= 2;
                }
                return g;
            }
        };
        return new Stage(0, "doubling", "doubling", w, List.of(), Shape.of(size), Shape.of(size), false, false, null);
    }

    /** linear 5 + tanh + (planted) + linear 3, on the scalar kernel, weights from a fixed stream. */
    private static Network network(boolean planted) {
        ModelSpec spec = new ModelSpec(4, List.of(TestNets.linear(5, null)), TestNets.linear(3, "softmax"), "cross-entropy");
        Network built = new NetworkBuilder(TestNets.REGISTRY, new ScalarGemm()).build(spec, 1).network();
        Rng rng = new Rng(7);
        for (Parameter p : built.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().data()[i] = (float) rng.gaussian() * 0.7f;
            }
        }
        List<Stage> stages = new ArrayList<>(built.stages());
        stages.add(1, new Stage(0, "tanh", "tanh", new ActivationWorker(tanh(), 5), List.of(), Shape.of(5), Shape.of(5),
                false, false, null));
        if (planted) {
            stages.add(2, doubling(5));
        }
        return new Network(stages, built.loss());
    }

    private static Matrix oneHot(int rows, int classes, Rng rng) {
        Matrix y = new Matrix(rows, classes);
        for (int r = 0; r < rows; r++) {
            y.set(r, rng.nextInt(classes), 1f);
        }
        return y;
    }

    @Test
    void checksEveryParameterOfANetworkIncludingWeightPenalties() {
        Rng rng = new Rng(8);
        Matrix x = random(6, 4, -1, 1, rng);
        Matrix y = oneHot(6, 3, rng);
        // float32 logits put about 1e-5 of absolute noise into each numeric gradient (round-off and truncation
        // balance near h = 1e-2), so gradients below the floor 1e-2 are held to 1e-4 absolute rather than 1% relative.
        GradientChecker coarse = new GradientChecker(1e-2, 1e-2);
        GradientChecker.Report ok = coarse.check(network(false), x, y);
        assertThat(ok.checked()).isEqualTo(4 * 5 + 5 + 5 * 3 + 3);
        assertThat(ok.maxRelativeError()).as(ok.toString()).isLessThan(1e-2);
        GradientChecker.Report withPenalty = coarse.check(network(false), x, y, List.of(quartic(false)));
        assertThat(withPenalty.maxRelativeError()).as(withPenalty.toString()).isLessThan(1e-2);
        GradientChecker.Report bad = coarse.check(network(true), x, y);
        assertThat(bad.maxRelativeError()).as(bad.toString()).isGreaterThan(0.3);
        assertThat(bad.where()).startsWith("layer 1 (linear 5)");
    }

    @Test
    void refusesStochasticLayers() {
        Network linear = new NetworkBuilder(TestNets.REGISTRY, new ScalarGemm())
                .build(new ModelSpec(2, List.of(), TestNets.linear(2, "softmax"), "cross-entropy"), 1).network();
        Stage noisy = new Stage(2, "layer 2 (dropout 0.5)", "dropout 0.5", doubling(2).worker(), List.of(), Shape.of(2),
                Shape.of(2), true, false, new Rng(1));
        Network net = new Network(List.of(linear.stages().get(0), noisy), new SoftmaxCrossEntropy());
        assertThatThrownBy(() -> checker.check(net, new Matrix(1, 2), new Matrix(1, 2)))
                .hasMessageContaining("dropout");
    }

    @Test
    void catchesALossWhoseGradientIsWrong() {
        Loss doubled = new Loss() {
            private final SoftmaxCrossEntropy inner = new SoftmaxCrossEntropy();

            @Override
            public double lossAndGradient(dev.tensile.tensor.Matrix outputs, dev.tensile.tensor.Matrix targets,
                                          dev.tensile.tensor.Matrix grad) {
                double l = inner.lossAndGradient(outputs, targets, grad);
                for (int i = 0; i < grad.size(); i++) {
                    grad.data()[i] *= 2;
                }
                return l;
            }

            @Override
            public void toPredictions(dev.tensile.tensor.Matrix outputs) {
            }

            @Override
            public String name() {
                return "doubled";
            }
        };
        dev.tensile.tensor.Matrix z = dev.tensile.tensor.Matrix.of(new float[][] {{0.3f, -1.2f, 2.0f}});
        dev.tensile.tensor.Matrix t = dev.tensile.tensor.Matrix.of(new float[][] {{0f, 1f, 0f}});
        org.assertj.core.api.Assertions.assertThat(new GradientChecker().check(doubled, z, t).maxRelativeError())
                .isGreaterThan(0.3);
        org.assertj.core.api.Assertions.assertThat(new GradientChecker().check(new SoftmaxCrossEntropy(), z, t)
                .maxRelativeError()).isLessThan(1e-3);
    }
}
