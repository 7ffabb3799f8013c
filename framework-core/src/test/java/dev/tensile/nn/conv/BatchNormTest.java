package dev.tensile.nn.conv;

import static dev.tensile.nn.conv.Conv2dTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Batch normalization per unit (vectors) and per channel (NHWC images) against the double oracle; its three
 * gradients with batch statistics against central differences; running statistics and inference.
 */
class BatchNormTest {

    @Test
    void perUnitOfVectors() {
        check(1, 5, 8);
    }

    @Test
    void perChannelOfImages() {
        check(3 * 4, 3, 4); // 3x4 pixels of 3 channels, batch 4: each channel over 48 values
    }

    private static void check(int pixels, int features, int batch) {
        Rng rng = new Rng(9);
        float eps = 1e-3f;
        Arrays a = new Arrays(features);
        BatchNorm bn = a.bn(pixels * features, 0.9f, eps);
        Conv2dTest.fill(a.gamma.data(), rng);
        Conv2dTest.fill(a.beta.data(), rng);
        Matrix x = new Matrix(batch, pixels * features);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) (2 + 3 * rng.gaussian());
        }
        int rows = batch * pixels;
        double[] xd = ReferenceConv.toDouble(x.data(), x.size());
        double[] gd = ReferenceConv.toDouble(a.gamma.data(), features);
        double[] bd = ReferenceConv.toDouble(a.beta.data(), features);
        Matrix y = bn.forward(x, true);
        assertClose("output", y.data(), ReferenceConv.batchNorm(xd, rows, features, gd, bd, eps), 1e-5);

        Matrix dy = new Matrix(batch, x.cols());
        Conv2dTest.fill(dy.data(), rng);
        double[] dyd = ReferenceConv.toDouble(dy.data(), dy.size());
        Matrix dx = bn.backward(dy);
        double h = 1e-5;
        assertClose("input gradient", dx.data(), ReferenceConv.numericGradient(
                v -> ReferenceConv.batchNorm(v, rows, features, gd, bd, eps), xd, dyd, h), 1e-4);
        assertClose("gamma gradient", a.gammaGrad.data(), ReferenceConv.numericGradient(
                v -> ReferenceConv.batchNorm(xd, rows, features, v, bd, eps), gd, dyd, h), 1e-4);
        assertClose("beta gradient", a.betaGrad.data(), ReferenceConv.numericGradient(
                v -> ReferenceConv.batchNorm(xd, rows, features, gd, v, eps), bd, dyd, h), 1e-4);
    }

    /** A batch-norm's arrays as the engine allocates them: gamma 1, beta 0, running mean 0 and variance 1. */
    static final class Arrays {
        final Matrix gamma;
        final Matrix gammaGrad;
        final Matrix beta;
        final Matrix betaGrad;
        final Matrix runningMean;
        final Matrix runningVar;
        final int features;

        Arrays(int features) {
            this.features = features;
            gamma = new Matrix(1, features);
            gamma.fill(1f);
            gammaGrad = new Matrix(1, features);
            beta = new Matrix(1, features);
            betaGrad = new Matrix(1, features);
            runningMean = new Matrix(1, features);
            runningVar = new Matrix(1, features);
            runningVar.fill(1f);
        }

        BatchNorm bn(int size, float momentum, float eps) {
            return new BatchNorm(size, features, momentum, eps, gamma, gammaGrad, beta, betaGrad, runningMean,
                    runningVar, true);
        }
    }

    @Test
    void backwardAddsToTheGradients() {
        Arrays a = new Arrays(2);
        BatchNorm bn = a.bn(4, 0.9f, 1e-3f);
        Matrix x = Matrix.of(new float[][] {{1, 2, 3, 4}, {0, 5, 1, -2}, {2, 2, 2, 7}});
        Matrix dy = Matrix.of(new float[][] {{1, -1, 0.5f, 2}, {0, 1, 1, 1}, {-1, 0, 2, 0.25f}});
        bn.forward(x, true);
        bn.backward(dy);
        float[] g1 = a.gammaGrad.data().clone();
        float[] b1 = a.betaGrad.data().clone();
        bn.forward(x, true);
        bn.backward(dy);
        for (int i = 0; i < 2; i++) {
            assertThat(a.gammaGrad.data()[i]).isCloseTo(2 * g1[i], within(1e-5f));
            assertThat(a.betaGrad.data()[i]).isCloseTo(2 * b1[i], within(1e-5f));
        }
    }

    @Test
    void runningStatisticsMoveTowardTheBatchAndServeInference() {
        Arrays a = new Arrays(1);
        BatchNorm bn = a.bn(1, 0.9f, 1e-3f);
        Matrix x = Matrix.of(new float[][] {{1}, {2}, {3}, {6}});
        bn.forward(x, true);
        // batch mean 3, unbiased variance 14/3; running = 0.9 old + 0.1 batch, from mean 0 and variance 1
        assertThat(a.runningMean.get(0, 0)).isCloseTo(0.3f, within(1e-6f));
        assertThat(a.runningVar.get(0, 0)).isCloseTo(0.9f + 0.1f * 14f / 3f, within(1e-6f));
        Matrix y = bn.forward(Matrix.of(new float[][] {{5}}), false);
        double expected = (5 - 0.3) / Math.sqrt(0.9 + 0.1 * 14.0 / 3 + 1e-3);
        assertThat((double) y.get(0, 0)).isCloseTo(expected, within(1e-5));
        assertThat(a.runningMean.get(0, 0)).as("inference leaves the statistics alone").isCloseTo(0.3f, within(1e-6f));
    }

    @Test
    void inferenceBackwardIsTheAffineMapsGradient() {
        Arrays a = new Arrays(2);
        BatchNorm bn = a.bn(2, 0.9f, 0f);
        a.runningVar.data()[0] = 4f;
        a.runningVar.data()[1] = 0.25f;
        a.gamma.data()[1] = 3f;
        bn.forward(Matrix.of(new float[][] {{1, 1}}), false);
        Matrix dx = bn.backward(Matrix.of(new float[][] {{1, 1}}));
        assertThat(dx.data()).containsExactly(0.5f, 6f);
    }
}
