package dev.tensile.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tensile.kernel.ComputePool;
import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.kernel.ScalarGemm;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * The convolution layer against the double-precision oracle: its output against {@link ReferenceConv#conv}, and
 * its three gradients against central differences of that oracle, for strides, paddings, dilations, channel
 * counts and both GEMMs; and the same bits for 1 and 2 threads.
 */
class Conv2dTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("3x3 same, 1 channel", ConvGeometry.of(6, 5, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1), 4, true),
                Arguments.of("3x3 valid, 3 channels", ConvGeometry.of(6, 6, 3, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1), 5, true),
                Arguments.of("3x3 stride 2 same (asymmetric)", ConvGeometry.of(6, 6, 2,
                        3, 3, 2, 2, 0, 1, 0, 1, 1, 1), 3, true),
                Arguments.of("2x4 kernel, stride 1x2, pad 2", ConvGeometry.of(5, 7, 2, 2, 4, 1, 2, 2, 2, 2, 2, 1, 1), 3, false),
                Arguments.of("3x3 dilation 2, pad 2", ConvGeometry.of(7, 7, 2, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2), 2, true),
                Arguments.of("1x1 (no unfolding)", ConvGeometry.of(4, 4, 6, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1), 5, true),
                Arguments.of("5x5 on 9 channels", ConvGeometry.of(8, 8, 9, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1), 7, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheReferenceAndFiniteDifferences(String name, ConvGeometry g, int filters, boolean bias) {
        for (Gemm gemm : new Gemm[] {new ScalarGemm(), GemmProvider.get()}) {
            check(gemm, g, filters, bias);
        }
    }

    private static void check(Gemm gemm, ConvGeometry g, int filters, boolean withBias) {
        Rng rng = new Rng(7);
        int batch = 3;
        Arrays a = new Arrays(g, filters, rng);
        Conv2d conv = a.conv(gemm, withBias, true);
        Matrix x = new Matrix(batch, g.inputSize());
        fill(x.data(), rng);
        double[] xd = ReferenceConv.toDouble(x.data(), x.size());
        double[] wd = ReferenceConv.toDouble(a.kernel.data(), a.kernel.size());
        double[] bd = withBias ? ReferenceConv.toDouble(a.bias.data(), filters) : null;

        Matrix y = conv.forward(x, true);
        assertThat(y.cols()).isEqualTo(g.outPixels() * filters);
        assertClose("output (" + gemm.name() + ")", y.data(), ReferenceConv.conv(xd, batch, g, wd, bd, filters), 1e-5);

        Matrix dy = new Matrix(batch, y.cols());
        fill(dy.data(), rng);
        double[] dyd = ReferenceConv.toDouble(dy.data(), dy.size());
        Matrix dx = conv.backward(dy);
        double h = 1e-3;
        assertClose("input gradient", dx.data(), ReferenceConv.numericGradient(
                v -> ReferenceConv.conv(v, batch, g, wd, bd, filters), xd, dyd, h), 1e-4);
        assertClose("kernel gradient", a.kernelGrad.data(), ReferenceConv.numericGradient(
                v -> ReferenceConv.conv(xd, batch, g, v, bd, filters), wd, dyd, h), 1e-4);
        if (withBias) {
            assertClose("bias gradient", a.biasGrad.data(), ReferenceConv.numericGradient(
                    v -> ReferenceConv.conv(xd, batch, g, wd, v, filters), bd, dyd, h), 1e-4);
        }
    }

    /** A convolution's arrays, as the engine would allocate them from the layer's slots. */
    static final class Arrays {
        final Matrix kernel;
        final Matrix kernelGrad;
        final Matrix bias;
        final Matrix biasGrad;
        final ConvGeometry g;
        final int filters;

        Arrays(ConvGeometry g, int filters, Rng rng) {
            this.g = g;
            this.filters = filters;
            kernel = new Matrix(g.patchSize(), filters);
            kernelGrad = new Matrix(g.patchSize(), filters);
            bias = new Matrix(1, filters);
            biasGrad = new Matrix(1, filters);
            fill(kernel.data(), rng);
            fill(bias.data(), rng);
        }

        Conv2d conv(Gemm gemm, boolean withBias, boolean inputGradient) {
            return new Conv2d(gemm, g, filters, kernel, kernelGrad, withBias ? bias : null, biasGrad, inputGradient);
        }
    }

    @Test
    void backwardAddsToTheGradients() {
        ConvGeometry g = ConvGeometry.of(5, 5, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        Rng rng = new Rng(4);
        Arrays a = new Arrays(g, 3, rng);
        Conv2d conv = a.conv(new ScalarGemm(), true, true);
        Matrix x = new Matrix(2, g.inputSize());
        fill(x.data(), rng);
        Matrix dy = new Matrix(2, conv.outputSize());
        fill(dy.data(), rng);
        conv.forward(x, true);
        conv.backward(dy);
        float[] once = a.kernelGrad.data().clone();
        float[] bonce = a.biasGrad.data().clone();
        conv.forward(x, true);
        conv.backward(dy);
        for (int i = 0; i < once.length; i++) {
            assertThat(a.kernelGrad.data()[i]).isEqualTo(2 * once[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
        for (int i = 0; i < bonce.length; i++) {
            assertThat(a.biasGrad.data()[i]).isEqualTo(2 * bonce[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        ConvGeometry g = ConvGeometry.of(14, 14, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        float[][] one = run(g, 1);
        float[][] two = run(g, 2);
        for (int i = 0; i < one.length; i++) {
            assertThat(two[i]).as("result %d", i).isEqualTo(one[i]);
        }
    }

    private static float[][] run(ConvGeometry g, int threads) {
        int saved = ComputePool.shared().threads();
        ComputePool.shared().setThreads(threads);
        try {
            Rng rng = new Rng(11);
            Arrays a = new Arrays(g, 32, rng);
            Conv2d conv = a.conv(GemmProvider.withThreads(threads), true, true);
            Matrix x = new Matrix(24, g.inputSize());
            fill(x.data(), rng);
            float[] y = conv.forward(x, true).data().clone();
            Matrix dy = new Matrix(24, y.length / 24);
            fill(dy.data(), rng);
            float[] dx = conv.backward(dy).data().clone();
            return new float[][] {y, dx, a.kernelGrad.data().clone(), a.biasGrad.data().clone()};
        } finally {
            ComputePool.shared().setThreads(saved);
        }
    }

    /**
     * With relu applied by the layer, output and all three gradients have the bits of the plain layer followed by
     * relu over the whole batch (the mask applied chunk by chunk instead), on several chunks and 1 and 2 threads.
     */
    @Test
    void reluAppliedByTheLayerEqualsReluAfterIt() {
        ConvGeometry g = ConvGeometry.of(9, 9, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        for (int threads : new int[] {1, 2}) {
            int saved = ComputePool.shared().threads();
            ComputePool.shared().setThreads(threads);
            try {
                Rng rng = new Rng(5);
                Arrays a = new Arrays(g, 6, rng);
                Arrays b = new Arrays(g, 6, rng);
                b.kernel.copyFrom(a.kernel);
                b.bias.copyFrom(a.bias);
                Gemm gemm = GemmProvider.withThreads(threads);
                Conv2d plain = a.conv(gemm, true, true);
                Conv2d fused = new Conv2d(gemm, g, 6, b.kernel, b.kernelGrad, b.bias, b.biasGrad, true, true);
                int batch = 19;
                Matrix x = new Matrix(batch, g.inputSize());
                fill(x.data(), rng);
                Matrix z = plain.forward(x, true);
                Matrix y = fused.forward(x, true);
                Matrix relu = new Matrix(batch, z.cols());
                dev.tensile.kernel.VectorOps.relu(z.data(), relu.data(), z.size());
                assertThat(y.data()).isEqualTo(relu.data());
                assertThat(y.data()).contains(0f);
                Matrix dy = new Matrix(batch, z.cols());
                fill(dy.data(), rng);
                Matrix dz = new Matrix(batch, z.cols());
                dev.tensile.kernel.VectorOps.reluBackward(z.data(), dy.data(), dz.data(), z.size());
                float[] dyBefore = dy.data().clone();
                assertThat(fused.backward(dy).data()).as("input gradient").isEqualTo(plain.backward(dz).data());
                assertThat(dy.data()).as("the caller's gradient is not written").isEqualTo(dyBefore);
                assertThat(b.kernelGrad.data()).as("kernel gradient").isEqualTo(a.kernelGrad.data());
                assertThat(b.biasGrad.data()).as("bias gradient").isEqualTo(a.biasGrad.data());
            } finally {
                ComputePool.shared().setThreads(saved);
            }
        }
    }

    @Test
    void sameBatchSizeReusesTheOutputBuffer() {
        ConvGeometry g = ConvGeometry.of(5, 5, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        Conv2d conv = new Arrays(g, 3, new Rng(1)).conv(new ScalarGemm(), true, true);
        Matrix x = new Matrix(4, g.inputSize());
        Matrix first = conv.forward(x, true);
        conv.backward(first);
        assertThat(conv.forward(x, true)).isSameAs(first);
    }

    @Test
    void aFirstLayerSkipsTheInputGradientButNotTheKernels() {
        ConvGeometry g = ConvGeometry.of(5, 5, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        Rng rng = new Rng(2);
        Arrays a = new Arrays(g, 3, rng);
        Arrays b = new Arrays(g, 3, rng);
        b.kernel.copyFrom(a.kernel);
        b.bias.copyFrom(a.bias);
        Conv2d full = a.conv(new ScalarGemm(), true, true);
        Conv2d first = b.conv(new ScalarGemm(), true, false);
        Matrix x = new Matrix(2, g.inputSize());
        fill(x.data(), rng);
        Matrix dy = new Matrix(2, full.outputSize());
        fill(dy.data(), rng);
        full.forward(x, true);
        first.forward(x, true);
        assertThat(full.backward(dy)).isNotNull();
        assertThat(first.backward(dy)).isNull();
        assertThat(b.kernelGrad.data()).isEqualTo(a.kernelGrad.data());
        assertThat(b.biasGrad.data()).isEqualTo(a.biasGrad.data());
    }

    @Test
    void windowLargerThanThePaddedInputIsRefused() {
        assertThatThrownBy(() -> ConvGeometry.of(2, 2, 1, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1))
                .hasMessageContaining("a 3x3 window does not fit a 2x2 input");
    }

    @Test
    void samePaddingPutsTheOddOneAtTheEnd() {
        assertThat(ConvGeometry.samePadding(28, 3, 1, 1)).containsExactly(1, 1);
        assertThat(ConvGeometry.samePadding(6, 3, 2, 1)).containsExactly(0, 1);
        assertThat(ConvGeometry.samePadding(28, 4, 1, 1)).containsExactly(1, 2);
        assertThat(ConvGeometry.samePadding(7, 3, 1, 2)).containsExactly(2, 2);
    }

    static void fill(float[] a, Rng rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.uniform(-1, 1);
        }
    }

    /** Each value within tol of the oracle, relative to the oracle's largest magnitude. */
    static void assertClose(String what, float[] actual, double[] expected, double tol) {
        double scale = 1e-12;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]) / scale;
            if (err > tol) {
                throw new AssertionError(what + "[" + i + "] = " + actual[i] + ", expected " + expected[i]
                        + " (error " + err + " of the largest magnitude " + scale + ")");
            }
        }
    }
}
