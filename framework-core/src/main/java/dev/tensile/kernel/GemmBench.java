package dev.tensile.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark B1 (see BENCHMARKS.md) and the GEMM shapes of the B2 models, with the provider's implementation.
 * The first line names the kernel, its tile and blocking; then one line per case,
 * {@code bench gemm n=1024 threads=1 layout=NN gflops=160.2 min=150.1 max=163.0 runs=21}, where gflops is
 * 2 m n k / median seconds of at least 7 timed runs after at least 3 warm-ups (more of each for small shapes,
 * within a time budget), after a JIT warm-up of 0.6 s per thread count and layout; min and max are the slowest
 * and fastest timed run, the spread a reader needs to trust the median.
 */
public final class GemmBench {
    private static final int MIN_WARMUPS = 3;
    private static final int MIN_RUNS = 7;
    private static final long WARMUP_NANOS = 300_000_000L;
    private static final long RUN_NANOS = 1_000_000_000L;
    private static final int MAX_RUNS = 51;

    /** The GEMMs of one B2b training step (batch 256, 784-1024-1024-10): forward, weight and input gradients. */
    public static final List<Shape> B2B = List.of(
            Shape.parse("256x1024x784:NN"), Shape.parse("256x1024x1024:NN"), Shape.parse("256x10x1024:NN"),
            Shape.parse("784x1024x256:TN"), Shape.parse("1024x1024x256:TN"), Shape.parse("1024x10x256:TN"),
            Shape.parse("256x784x1024:NT"), Shape.parse("256x1024x1024:NT"), Shape.parse("256x1024x10:NT"));

    /** The same for B2a (batch 128, 784-256-256-10). */
    public static final List<Shape> B2A = List.of(
            Shape.parse("128x256x784:NN"), Shape.parse("128x256x256:NN"), Shape.parse("128x10x256:NN"),
            Shape.parse("784x256x128:TN"), Shape.parse("256x256x128:TN"), Shape.parse("256x10x128:TN"),
            Shape.parse("128x784x256:NT"), Shape.parse("128x256x256:NT"), Shape.parse("128x256x10:NT"));

    private GemmBench() {
    }

    /**
     * One GEMM: op(A) is m x k, op(B) k x n.
     *
     * @param transA A stored transposed
     * @param transB B stored transposed
     */
    public record Shape(int m, int n, int k, boolean transA, boolean transB) {
        /** {@code MxNxK:LAYOUT}, e.g. {@code 256x1024x784:NN}; the layout is optional (NN). */
        public static Shape parse(String text) {
            String[] parts = text.split(":");
            String[] dims = parts[0].toLowerCase(Locale.ROOT).split("x");
            if (dims.length != 3 || parts.length > 2) {
                throw new IllegalArgumentException("a shape is MxNxK or MxNxK:LAYOUT (e.g. 256x1024x784:NN), got " + text);
            }
            boolean[] t = parseLayout(parts.length == 2 ? parts[1] : "NN");
            try {
                int m = Integer.parseInt(dims[0]);
                int n = Integer.parseInt(dims[1]);
                int k = Integer.parseInt(dims[2]);
                if (m < 1 || n < 1 || k < 1) {
                    throw new NumberFormatException();
                }
                return new Shape(m, n, k, t[0], t[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape sizes must be positive integers, got " + text);
            }
        }

        String layout() {
            return (transA ? "T" : "N") + (transB ? "T" : "N");
        }

        double flop() {
            return 2.0 * m * n * k;
        }
    }

    /** Timing of one case: the median and the range of its timed runs, in seconds. */
    record Timing(double median, double fastest, double slowest, int runs) {
        String line(double flop) {
            return String.format(Locale.ROOT, "gflops=%.1f min=%.1f max=%.1f runs=%d",
                    flop / median / 1e9, flop / slowest / 1e9, flop / fastest / 1e9, runs);
        }
    }

    /**
     * @param sizes   the square sizes n
     * @param threads thread counts, each at least 1
     * @param layouts any of NN, NT, TN, TT (first letter A, second B; T = stored transposed)
     * @param out     where the result lines go
     */
    public static void run(int[] sizes, int[] threads, String[] layouts, PrintStream out) {
        List<Shape> shapes = new ArrayList<>();
        for (int n : sizes) {
            for (String layout : layouts) {
                boolean[] t = parseLayout(layout);
                shapes.add(new Shape(n, n, n, t[0], t[1]));
            }
        }
        run(shapes, threads, out);
    }

    /** One line per shape and thread count, after the kernel line. */
    public static void run(List<Shape> shapes, int[] threads, PrintStream out) {
        out.println("bench gemm kernel: " + GemmProvider.describe() + ", Java " + Runtime.version());
        warmUp(threads, shapes);
        for (Shape s : shapes) {
            Operands x = new Operands(s, new SplittableRandom(s.m * 31L + s.n * 7L + s.k));
            for (int t : threads) {
                Timing timing = time(GemmProvider.withThreads(t), s, x);
                String size = s.m == s.n && s.n == s.k ? "n=" + s.m : "shape=" + s.m + "x" + s.n + "x" + s.k;
                out.printf("bench gemm %s threads=%d layout=%s %s%n", size, t, s.layout(), timing.line(s.flop()));
            }
        }
    }

    // Lets the JIT compile every path the cases take (each layout's packing, the parallel code) before the first
    // case is timed. C2 compiles on the same two cores, so a case timed while it still works (up to a second or
    // two after start-up) comes out slower for coming first.
    private static void warmUp(int[] threads, List<Shape> shapes) {
        List<String> layouts = new ArrayList<>();
        for (Shape s : shapes) {
            if (!layouts.contains(s.layout())) {
                layouts.add(s.layout());
            }
        }
        for (int t : threads) {
            Gemm gemm = GemmProvider.withThreads(t);
            for (String layout : layouts) {
                boolean[] tr = parseLayout(layout);
                Shape s = new Shape(256, 256, 256, tr[0], tr[1]);
                Operands x = new Operands(s, new SplittableRandom(1));
                long end = System.nanoTime() + 2 * WARMUP_NANOS;
                while (System.nanoTime() < end) {
                    x.call(gemm);
                }
            }
        }
    }

    /** Median and range of timed calls after warm-up calls. */
    static Timing time(Gemm gemm, Shape s, Operands x) {
        long start = System.nanoTime();
        for (int w = 0; w < MIN_WARMUPS || (System.nanoTime() - start < WARMUP_NANOS && w < 1000); w++) {
            x.call(gemm);
        }
        long[] times = new long[MAX_RUNS];
        int runs = 0;
        start = System.nanoTime();
        while (runs < MIN_RUNS || (runs < MAX_RUNS && System.nanoTime() - start < RUN_NANOS)) {
            long t0 = System.nanoTime();
            x.call(gemm);
            times[runs++] = System.nanoTime() - t0;
        }
        Arrays.sort(times, 0, runs);
        long median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        return new Timing(median / 1e9, times[0] / 1e9, times[runs - 1] / 1e9, runs);
    }

    /** A, B and C of one shape, stored as its layout says. */
    static final class Operands {
        final Shape s;
        final float[] a;
        final float[] b;
        final float[] c;

        Operands(Shape s, SplittableRandom rnd) {
            this(s, random(rnd, s.m * s.k), random(rnd, s.k * s.n), new float[s.m * s.n]);
        }

        Operands(Shape s, float[] a, float[] b, float[] c) {
            this.s = s;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        void call(Gemm gemm) {
            gemm.gemm(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, s.transA ? s.m : s.k, b, 0, s.transB ? s.k : s.n,
                    0f, c, 0, s.n);
        }
    }

    static boolean[] parseLayout(String layout) {
        String l = layout.toUpperCase(Locale.ROOT);
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
        run(sizes, threads, layouts, System.out);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
