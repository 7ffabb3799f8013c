package dev.tensile.kernel;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark B1 (see BENCHMARKS.md): square float32 GEMM with the provider's implementation, one line per
 * case, {@code bench gemm n=1024 threads=1 layout=NN gflops=36.2}, where GFLOPS = 2 n^3 / median seconds
 * of at least 7 timed runs after at least 3 warm-ups (more of each for small n, within a time budget),
 * after a JIT warm-up of 0.6 s per thread count and layout.
 */
public final class GemmBench {
    private static final int MIN_WARMUPS = 3;
    private static final int MIN_RUNS = 7;
    private static final long WARMUP_NANOS = 300_000_000L;
    private static final long RUN_NANOS = 1_000_000_000L;
    private static final int MAX_RUNS = 51;

    private GemmBench() {
    }

    /**
     * @param sizes   the square sizes n
     * @param threads thread counts, each at least 1
     * @param layouts any of NN, NT, TN, TT (first letter A, second B; T = stored transposed)
     * @param out     where the result lines go
     */
    public static void run(int[] sizes, int[] threads, String[] layouts, PrintStream out) {
        warmUp(threads, layouts);
        for (int n : sizes) {
            SplittableRandom rnd = new SplittableRandom(n);
            float[] a = random(rnd, n * n);
            float[] b = random(rnd, n * n);
            float[] c = new float[n * n];
            for (int t : threads) {
                Gemm gemm = GemmProvider.withThreads(t);
                for (String layout : layouts) {
                    boolean[] trans = parseLayout(layout);
                    double seconds = medianSeconds(gemm, trans[0], trans[1], n, a, b, c);
                    double gflops = 2.0 * n * n * n / seconds / 1e9;
                    out.printf("bench gemm n=%d threads=%d layout=%s gflops=%.1f%n",
                            n, t, layout.toUpperCase(java.util.Locale.ROOT), gflops);
                }
            }
        }
    }

    // Lets the JIT compile every path the cases take (each layout's packing, the parallel code) before
    // the first case is timed. C2 compiles on the same two cores, so a case timed while it still works
    // (up to a second or two after start-up) comes out slower for coming first.
    private static void warmUp(int[] threads, String[] layouts) {
        int n = 256;
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = random(rnd, n * n);
        float[] b = random(rnd, n * n);
        float[] c = new float[n * n];
        for (int t : threads) {
            Gemm gemm = GemmProvider.withThreads(t);
            for (String layout : layouts) {
                boolean[] trans = parseLayout(layout);
                long end = System.nanoTime() + 2 * WARMUP_NANOS;
                while (System.nanoTime() < end) {
                    gemm.gemm(trans[0], trans[1], n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                }
            }
        }
    }

    static double medianSeconds(Gemm gemm, boolean transA, boolean transB, int n, float[] a, float[] b, float[] c) {
        long start = System.nanoTime();
        for (int w = 0; w < MIN_WARMUPS || (System.nanoTime() - start < WARMUP_NANOS && w < 100); w++) {
            gemm.gemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        }
        long[] times = new long[MAX_RUNS];
        int runs = 0;
        start = System.nanoTime();
        while (runs < MIN_RUNS || (runs < MAX_RUNS && System.nanoTime() - start < RUN_NANOS)) {
            long t0 = System.nanoTime();
            gemm.gemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            times[runs++] = System.nanoTime() - t0;
        }
        Arrays.sort(times, 0, runs);
        long median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        return median / 1e9;
    }

    static boolean[] parseLayout(String layout) {
        String l = layout.toUpperCase(java.util.Locale.ROOT);
        if (l.length() != 2 || "NT".indexOf(l.charAt(0)) < 0 || "NT".indexOf(l.charAt(1)) < 0) {
            throw new IllegalArgumentException("layout must be NN, NT, TN or TT, got " + layout);
        }
        return new boolean[] {l.charAt(0) == 'T', l.charAt(1) == 'T'};
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** {@code GemmBench [sizes [threads [layouts]]]}, each a comma-separated list; defaults 1024, 1, NN,NT,TN. */
    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? ints(args[0]) : new int[] {1024};
        int[] threads = args.length > 1 ? ints(args[1]) : new int[] {1};
        String[] layouts = args.length > 2 ? args[2].split(",") : new String[] {"NN", "NT", "TN"};
        System.out.println("# " + GemmProvider.get().name() + ", Java " + Runtime.version());
        run(sizes, threads, layouts, System.out);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
