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
import dev.tensile.kernel.Im2col;
import dev.tensile.kernel.Pooling;

/**
 * The pieces of B3's convolutions, one batch of 128 per operation: unfolding, the three GEMMs, folding and
 * 2x2 max pooling, for conv1 (28x28x1 -> 32) and conv2 (14x14x32 -> 64). {@code chunk} unfolds and multiplies
 * that many images at a time (128: the whole batch in one GEMM), to measure whether an unfolded block that stays
 * in cache beats one tall GEMM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class ConvJmh {
    private static final int BATCH = 128;

    @Param({"conv1", "conv2"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    @Param({"128"})
    public int chunk;

    private Gemm gemm;
    private ConvGeometry g;
    private ConvGeometry pool;
    private int filters;
    private float[] x;
    private float[] col;
    private float[] w;
    private float[] dw;
    private float[] y;
    private float[] dx;
    private float[] pooled;
    private float[] taps;
    private float[] poolGrad;
    private final Im2col im2col = new Im2col();
    private final Pooling pooling = new Pooling();

    @Setup
    public void setUp() {
        ComputePool.shared().setThreads(threads);
        gemm = GemmProvider.withThreads(threads);
        boolean first = layer.equals("conv1");
        int size = first ? 28 : 14;
        int channels = first ? 1 : 32;
        filters = first ? 32 : 64;
        g = ConvGeometry.of(size, size, channels, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        pool = ConvGeometry.of(size, size, filters, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1);
        SplittableRandom rnd = new SplittableRandom(1);
        x = random(rnd, BATCH * g.inputSize());
        col = new float[chunk * g.outPixels() * g.patchSize()];
        w = random(rnd, g.patchSize() * filters);
        dw = new float[w.length];
        y = random(rnd, BATCH * g.outPixels() * filters);
        dx = new float[x.length];
        pooled = new float[BATCH * pool.outPixels() * filters];
        taps = new float[pooled.length];
        poolGrad = new float[y.length];
    }

    /** Forward: unfold and multiply, chunk by chunk. */
    @Benchmark
    public float[] forward() {
        int rows = chunk * g.outPixels();
        int k = g.patchSize();
        for (int n = 0; n < BATCH; n += chunk) {
            im2col.unfold(x, n, chunk, g, col);
            gemm.gemm(false, false, rows, filters, k, 1f, col, 0, k, w, 0, filters, 0f, y, n * g.outPixels() * filters,
                    filters);
        }
        return y;
    }

    /** Backward: unfold again, weight gradient (accumulated over chunks), input gradient and fold, chunk by chunk. */
    @Benchmark
    public float[] backward() {
        int rows = chunk * g.outPixels();
        int k = g.patchSize();
        for (int n = 0; n < BATCH; n += chunk) {
            int yOff = n * g.outPixels() * filters;
            im2col.unfold(x, n, chunk, g, col);
            gemm.gemm(true, false, k, filters, rows, 1f, col, 0, k, y, yOff, filters, n == 0 ? 0f : 1f, dw, 0, filters);
            gemm.gemm(false, true, rows, k, filters, 1f, y, yOff, filters, w, 0, filters, 0f, col, 0, k);
            im2col.fold(col, n, chunk, g, dx);
        }
        return dx;
    }

    @Benchmark
    public float[] unfold() {
        im2col.unfold(x, chunk, g, col);
        return col;
    }

    @Benchmark
    public float[] gemmForward() {
        int rows = chunk * g.outPixels();
        int k = g.patchSize();
        gemm.gemm(false, false, rows, filters, k, 1f, col, 0, k, w, 0, filters, 0f, y, 0, filters);
        return y;
    }

    @Benchmark
    public float[] gemmWeightGradient() {
        int rows = chunk * g.outPixels();
        int k = g.patchSize();
        gemm.gemm(true, false, k, filters, rows, 1f, col, 0, k, y, 0, filters, 0f, dw, 0, filters);
        return dw;
    }

    @Benchmark
    public float[] gemmInputGradient() {
        int rows = chunk * g.outPixels();
        int k = g.patchSize();
        gemm.gemm(false, true, rows, k, filters, 1f, y, 0, filters, w, 0, filters, 0f, col, 0, k);
        return col;
    }

    @Benchmark
    public float[] fold() {
        im2col.fold(col, chunk, g, dx);
        return dx;
    }

    @Benchmark
    public float[] maxPoolForward() {
        pooling.maxForward(y, BATCH, pool, pooled, taps);
        return pooled;
    }

    @Benchmark
    public float[] maxPoolBackward() {
        pooling.maxBackward(pooled, taps, BATCH, pool, poolGrad);
        return poolGrad;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return a;
    }
}
