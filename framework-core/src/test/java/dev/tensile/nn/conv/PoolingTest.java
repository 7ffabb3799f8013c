package dev.tensile.nn.conv;

import static dev.tensile.nn.conv.Conv2dTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tensile.kernel.ComputePool;
import dev.tensile.kernel.ConvGeometry;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** Max, average and global average pooling against the double oracle and central differences of it. */
class PoolingTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("2x2 stride 2", ConvGeometry.of(6, 6, 3, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1)),
                Arguments.of("2x2 stride 2, odd input cut", ConvGeometry.of(7, 5, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1)),
                Arguments.of("3x3 stride 2 padded", ConvGeometry.of(7, 7, 2, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1)),
                Arguments.of("3x3 stride 1 same (overlapping)", ConvGeometry.of(5, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)),
                Arguments.of("global 4x3", ConvGeometry.of(4, 3, 5, 4, 3, 1, 1, 0, 0, 0, 0, 1, 1)));
    }

    @ParameterizedTest(name = "max {0}")
    @MethodSource("cases")
    void maxPoolMatchesTheReferenceAndFiniteDifferences(String name, ConvGeometry g) {
        check(new Pool2d(Pool2d.Mode.MAX, g), g, true);
    }

    @ParameterizedTest(name = "avg {0}")
    @MethodSource("cases")
    void avgPoolMatchesTheReferenceAndFiniteDifferences(String name, ConvGeometry g) {
        check(new Pool2d(Pool2d.Mode.AVG, g), g, false);
    }

    private static void check(Pool2d pool, ConvGeometry g, boolean max) {
        Rng rng = new Rng(5);
        int batch = 3;
        Matrix x = new Matrix(batch, g.inputSize());
        // distinct values spaced far more than the finite-difference step: no ties, no kinks crossed
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = i * 0.01f;
        }
        shuffle(x.data(), rng);
        double[] xd = ReferenceConv.toDouble(x.data(), x.size());
        Matrix y = pool.forward(x, true);
        double[] expected = ReferenceConv.pool(xd, batch, g, max);
        assertThat(y.size()).isEqualTo(expected.length);
        assertClose("output", y.data(), expected, 1e-6);
        Matrix dy = new Matrix(batch, y.cols());
        Conv2dTest.fill(dy.data(), rng);
        Matrix dx = pool.backward(dy);
        assertClose("input gradient", dx.data(), ReferenceConv.numericGradient(v -> ReferenceConv.pool(v, batch, g, max),
                xd, ReferenceConv.toDouble(dy.data(), dy.size()), 1e-4), 1e-5);
    }

    @Test
    void globalAveragePoolGivesOneValuePerChannel() {
        Pool2d gap = Pool2d.globalAverage(2, 2, 3);
        assertThat(gap.outputSize()).isEqualTo(3);
        Matrix x = Matrix.of(new float[][] {{1, 10, 100, 3, 30, 300, 5, 50, 500, 7, 70, 700}});
        assertThat(gap.forward(x, false).data()).containsExactly(4f, 40f, 400f);
        Matrix dx = gap.backward(Matrix.of(new float[][] {{4, 8, 12}}));
        assertThat(dx.data()).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3);
    }

    @Test
    void maxPoolPropagatesNaNAndSendsTiesToTheFirst() {
        ConvGeometry g = ConvGeometry.of(2, 2, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1);
        Pool2d pool = new Pool2d(Pool2d.Mode.MAX, g);
        assertThat(pool.forward(Matrix.of(new float[][] {{1, Float.NaN, 3, 2}}), true).data()[0]).isNaN();
        assertThat(pool.forward(Matrix.of(new float[][] {{2, 5, 5, 1}}), true).data()[0]).isEqualTo(5f);
        assertThat(pool.backward(Matrix.of(new float[][] {{1}})).data()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        ConvGeometry g = ConvGeometry.of(28, 28, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
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
            Rng rng = new Rng(3);
            Matrix x = new Matrix(20, g.inputSize());
            Conv2dTest.fill(x.data(), rng);
            Pool2d max = new Pool2d(Pool2d.Mode.MAX, g);
            Pool2d avg = new Pool2d(Pool2d.Mode.AVG, g);
            float[] ym = max.forward(x, true).data().clone();
            float[] ya = avg.forward(x, true).data().clone();
            Matrix dy = new Matrix(20, max.outputSize());
            Conv2dTest.fill(dy.data(), rng);
            return new float[][] {ym, ya, max.backward(dy).data().clone(), avg.backward(dy).data().clone()};
        } finally {
            ComputePool.shared().setThreads(saved);
        }
    }

    private static void shuffle(float[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
