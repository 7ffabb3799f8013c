package dev.tensile.bench;

import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.GemmBench;
import dev.tensile.kernel.KernelConfig;
import dev.tensile.kernel.PanamaGemm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Kernel configurations compared side by side in one JVM: every round times a few calls of each, in a rotating
 * order, and the medians and quartiles of all rounds are printed. One JVM runs the same compiled kernels for all of
 * them, and the rounds interleave them over the host's drift, so differences of 1-2% show that separate JVMs
 * (5-10% apart on the shared machine) hide. Compare blockings (kc, mc, nc) of one tile: tiles of different heights
 * in one JVM share the loop nest's compiled code, which the first one shaped ({@code bench tune} gives each its own
 * JVM for that reason).
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp framework-core/target/classes:benchmarks/target/classes
 * dev.tensile.bench.GemmAlternating SHAPE THREADS ROUNDS CONFIG...}, where SHAPE is n or {@code MxNxK:LAYOUT},
 * and each CONFIG is {@code default} (the cache rule) or {@code rows:kc:mc:nc}.
 */
public final class GemmAlternating {
    private static final int CALLS_PER_ROUND = 5;
    private static final int WARMUP_CALLS = 20;

    private GemmAlternating() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: GemmAlternating SHAPE THREADS ROUNDS CONFIG... "
                    + "(SHAPE: n or MxNxK:LAYOUT; CONFIG: default or rows:kc:mc:nc)");
            System.exit(2);
        }
        GemmBench.Shape s = GemmBench.Shape.parse(args[0].contains("x") ? args[0] : args[0] + "x" + args[0] + "x" + args[0]);
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<String> names = new ArrayList<>();
        List<Gemm> gemms = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            names.add(args[i]);
            gemms.add(gemm(args[i], threads));
        }
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = random(rnd, s.m() * s.k());
        float[] b = random(rnd, s.k() * s.n());
        float[] c = new float[s.m() * s.n()];
        for (Gemm g : gemms) {
            for (int i = 0; i < WARMUP_CALLS; i++) {
                call(g, s, a, b, c);
            }
        }
        double[][] gflops = new double[gemms.size()][rounds * CALLS_PER_ROUND];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < gemms.size(); i++) {
                int g = (i + r) % gemms.size();
                for (int call = 0; call < CALLS_PER_ROUND; call++) {
                    long t0 = System.nanoTime();
                    call(gemms.get(g), s, a, b, c);
                    gflops[g][r * CALLS_PER_ROUND + call] = 2.0 * s.m() * s.n() * s.k() / (System.nanoTime() - t0);
                }
            }
        }
        System.out.printf(Locale.ROOT, "gemm %dx%dx%d:%s threads=%d, %d rounds of %d calls, Java %s%n", s.m(), s.n(),
                s.k(), (s.transA() ? "T" : "N") + (s.transB() ? "T" : "N"), threads, rounds, CALLS_PER_ROUND,
                Runtime.version());
        for (int g = 0; g < gemms.size(); g++) {
            double[] x = gflops[g].clone();
            Arrays.sort(x);
            System.out.printf(Locale.ROOT, "%-22s median %.1f GFLOPS (quartiles %.1f-%.1f) %s%n", names.get(g),
                    x[x.length / 2], x[x.length / 4], x[3 * x.length / 4], gemms.get(g).name());
        }
    }

    private static Gemm gemm(String config, int threads) {
        if (config.equals("default")) {
            return new PanamaGemm(threads);
        }
        String[] p = config.split(":");
        if (p.length != 4) {
            throw new IllegalArgumentException("a configuration is default or rows:kc:mc:nc, got " + config);
        }
        int vectorBits = new PanamaGemm(threads).config().vectorBits();
        return new PanamaGemm(threads, new KernelConfig(vectorBits,
                Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]),
                "command line"));
    }

    private static void call(Gemm g, GemmBench.Shape s, float[] a, float[] b, float[] c) {
        g.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.transA() ? s.m() : s.k(), b, 0,
                s.transB() ? s.k() : s.n(), 0f, c, 0, s.n());
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
