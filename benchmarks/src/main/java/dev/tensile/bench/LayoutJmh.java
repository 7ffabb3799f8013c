package dev.tensile.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.tensile.kernel.ComputePool;
import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.conv.Conv2d;
import dev.tensile.tensor.Matrix;

/**
 * NHWC against NCHW for the forward pass of B3's second convolution (14x14x32 -> 64, 3x3 'same', a batch of 128),
 * both as im2col + our GEMM. NHWC is what {@link Conv2d} does: the batch's unfolded rows (pixel x (tap, channel))
 * times the (kh, kw, in, out) kernel, a chunk of images per GEMM, the product already NHWC. NCHW is the classic
 * Caffe layout: per image, the unfolded (channel, tap) x pixel matrix, and the (out) x (in, kh, kw) kernel times it
 * gives that image's out x pixels, one GEMM per image (m = 64, n = 196, k = 288). The unfolding is written here for
 * the benchmark only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class LayoutJmh {
    private static final int BATCH = 128;
    private static final int H = 14;
    private static final int W = 14;
    private static final int C = 32;
    private static final int F = 64;
    private static final int K = 9 * C;

    @Param({"1", "2"})
    public int threads;

    private Gemm gemm;
    private Conv2d nhwc;
    private Matrix x;
    private float[] kernelNchw;
    private float[] col;
    private float[] y;

    @Setup
    public void setUp() {
        ComputePool.shared().setThreads(threads);
        gemm = GemmProvider.withThreads(threads);
        ConvGeometry g = ConvGeometry.of(H, W, C, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom rnd = new SplittableRandom(1);
        x = new Matrix(BATCH, H * W * C);
        fill(rnd, x.data());
        Matrix kernel = new Matrix(K, F);
        fill(rnd, kernel.data());
        nhwc = new Conv2d(gemm, g, F, kernel, new Matrix(K, F), new Matrix(1, F), new Matrix(1, F), true);
        kernelNchw = new float[F * K];
        fill(rnd, kernelNchw);
        col = new float[K * H * W];
        y = new float[BATCH * F * H * W];
    }

    @Benchmark
    public Matrix nhwcForward() {
        return nhwc.forward(x, true);
    }

    @Benchmark
    public float[] nchwForward() {
        float[] in = x.data();
        for (int n = 0; n < BATCH; n++) {
            unfoldNchw(in, n * C * H * W, col);
            gemm.gemm(false, false, F, H * W, K, 1f, kernelNchw, 0, K, col, 0, H * W, 0f, y, n * F * H * W, H * W);
        }
        return y;
    }

    /** Row (c, i, j) of col: channel c shifted by tap (i - 1, j - 1) over every output pixel, zeros off the image. */
    private static void unfoldNchw(float[] x, int image, float[] col) {
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    int row = ((c * 3 + i) * 3 + j) * H * W;
                    for (int oh = 0; oh < H; oh++) {
                        int ih = oh + i - 1;
                        int dst = row + oh * W;
                        if (ih < 0 || ih >= H) {
                            java.util.Arrays.fill(col, dst, dst + W, 0f);
                            continue;
                        }
                        int src = image + (c * H + ih) * W;
                        int lo = Math.max(0, 1 - j);
                        int hi = Math.min(W, W + 1 - j);
                        if (lo > 0) {
                            col[dst] = 0f;
                        }
                        System.arraycopy(x, src + lo + j - 1, col, dst + lo, hi - lo);
                        if (hi < W) {
                            col[dst + W - 1] = 0f;
                        }
                    }
                }
            }
        }
    }

    private static void fill(SplittableRandom rnd, float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
    }
}
