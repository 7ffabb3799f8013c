package dev.tensile.bench;

import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.GemmProvider;
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

/**
 * B1 under JMH: one square float32 GEMM per operation with the provider's implementation. GFLOPS =
 * 2 n^3 / (ms/op * 1e6). {@code -p n=1024 -p threads=1,2 -p layout=NN} narrows the grid, and
 * {@code -jvmArgsAppend -Dtensile.gemm=scalar} measures the portable kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GemmJmh {
    @Param({"256", "512", "1024", "2048"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"NN", "NT", "TN"})
    public String layout;

    private Gemm gemm;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        gemm = GemmProvider.withThreads(threads);
        transA = layout.charAt(0) == 'T';
        transB = layout.charAt(1) == 'T';
        SplittableRandom rnd = new SplittableRandom(n);
        a = random(rnd, n * n);
        b = random(rnd, n * n);
        c = new float[n * n];
    }

    @Benchmark
    public float[] gemm() {
        gemm.gemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
