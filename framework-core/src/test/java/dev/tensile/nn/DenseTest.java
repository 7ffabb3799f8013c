package dev.tensile.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** The dense layer's three products, checked against finite differences of the loss they feed. */
class DenseTest {

    @Test
    void gradientsOfWeightsBiasAndInputMatchFiniteDifferences() {
        Rng rng = new Rng(3);
        Dense dense = new Dense(new ScalarGemm(), 5, 4, "layer 1 (dense 4)");
        fill(dense.weights().value(), rng);
        fill(dense.bias().value(), rng);
        Network net = new Network(List.of(dense), new SoftmaxCrossEntropy());
        Matrix x = new Matrix(3, 5);
        fill(x, rng);
        Matrix y = Matrix.of(new float[][] {{1, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}});
        Matrix grad = new Matrix(3, 4);
        net.loss().lossAndGradient(net.forward(x, true), y, grad);
        net.backward(grad);
        Matrix gradInput = dense.backward(grad).copy();

        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                double numeric = centralDifference(net, x, y, p.value(), i);
                assertThat((double) p.grad().data()[i]).as("%s[%d]", p.name(), i).isCloseTo(numeric, within(1e-3));
            }
        }
        for (int i = 0; i < x.size(); i++) {
            assertThat((double) gradInput.data()[i]).as("input[%d]", i)
                    .isCloseTo(centralDifference(net, x, y, x, i), within(1e-3));
        }
    }

    @Test
    void shapeMismatchNamesTheLayer() {
        Dense a = new Dense(new ScalarGemm(), 784, 256, "layer 1 (dense 256)");
        Dense b = new Dense(new ScalarGemm(), 784, 128, "layer 2 (dense 128)");
        assertThatThrownBy(() -> new Network(List.of(a, b), new SoftmaxCrossEntropy()))
                .hasMessage("layer 2 (dense 128) expects 784 inputs, got 256");
    }

    private static double centralDifference(Network net, Matrix x, Matrix y, Matrix target, int i) {
        float h = 1e-2f;
        float orig = target.data()[i];
        Matrix scratch = new Matrix(y.rows(), y.cols());
        target.data()[i] = orig + h;
        double up = net.loss().lossAndGradient(net.forward(x, true), y, scratch);
        target.data()[i] = orig - h;
        double down = net.loss().lossAndGradient(net.forward(x, true), y, scratch);
        target.data()[i] = orig;
        return (up - down) / (2 * h);
    }

    private static void fill(Matrix m, Rng rng) {
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) rng.gaussian();
        }
    }
}
