package dev.tensile.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code tensile bench tune}: measures the tiles and depth slices of {@link KernelConfig#candidates} on this
 * machine and JVM (under a second each) and stores the fastest in {@link KernelConfigFile}, which later
 * processes read at start. Only ever run when asked: a process without a stored kernel uses the cache rule.
 *
 * <p>Each candidate is timed on one thread on two shapes that weigh what training does: a square n = 1024 and
 * the B2b forward product 256 x 1024 x 784; its score is the geometric mean of the two GFLOPS. A candidate must
 * beat the cache rule by more than 3% (the noise of one measurement here) to replace it.
 */
public final class KernelTuner {
    private static final List<GemmBench.Shape> SHAPES = List.of(GemmBench.Shape.parse("1024x1024x1024:NN"),
            GemmBench.Shape.parse("256x1024x784:NN"));
    private static final long WARMUP_NANOS = 400_000_000L;
    private static final int RUNS = 9;
    private static final double MARGIN = 1.03;

    private KernelTuner() {
    }

    /**
     * Measures, prints one line per candidate and the choice, and stores the choice.
     *
     * @return the stored configuration, or null when the scalar GEMM runs (nothing to tune)
     */
    public static KernelConfig tune(PrintStream out) throws IOException {
        KernelConfig current = GemmProvider.config();
        if (current == null) {
            out.println("bench tune: the scalar GEMM runs here (" + GemmProvider.describe() + "); nothing to tune");
            return null;
        }
        CacheSizes caches = CacheSizes.detect();
        KernelConfig rule = KernelConfig.fromCaches(current.vectorBits(), caches);
        out.println("bench tune: " + current.vectorBits() + "-bit vectors, " + caches + " (" + caches.source()
                + "), Java " + Runtime.version() + ", 1 thread");
        KernelConfig best = rule;
        double ruleScore = score(rule, out, "rule");
        double bestScore = ruleScore;
        for (KernelConfig c : KernelConfig.candidates(current.vectorBits(), caches)) {
            if (c.equals(rule)) {
                continue;
            }
            double s = score(c, out, "");
            if (s > bestScore && s > ruleScore * MARGIN) {
                best = c;
                bestScore = s;
            }
        }
        KernelConfigFile file = KernelConfigFile.standard();
        String cpu = KernelConfigFile.cpuModel();
        file.write(best, cpu, bestScore);
        out.printf(Locale.ROOT, "bench tune: chose %s %s (%.1f GFLOPS, the cache rule %.1f); stored in %s as \"%s\"%n",
                best.kernelName(), best.blocking(), bestScore, ruleScore, file.path(), KernelConfigFile.key(best.vectorBits()));
        return best;
    }

    private static double score(KernelConfig config, PrintStream out, String note) {
        Gemm gemm = GemmProvider.panama(1, config).orElseThrow();
        double product = 1;
        StringBuilder line = new StringBuilder();
        for (GemmBench.Shape s : SHAPES) {
            GemmBench.Operands x = new GemmBench.Operands(s, new SplittableRandom(s.k()));
            long end = System.nanoTime() + WARMUP_NANOS / SHAPES.size();
            while (System.nanoTime() < end) {
                x.call(gemm);
            }
            long[] times = new long[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long t0 = System.nanoTime();
                x.call(gemm);
                times[r] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(times);
            double gflops = s.flop() / times[RUNS / 2];
            product *= gflops;
            line.append(String.format(Locale.ROOT, " %dx%dx%d=%.1f", s.m(), s.n(), s.k(), gflops));
        }
        double score = Math.pow(product, 1.0 / SHAPES.size());
        out.printf(Locale.ROOT, "bench tune %s %s%s score=%.1f%s%n", config.kernelName(), config.blocking(), line, score,
                note.isEmpty() ? "" : " (" + note + ")");
        return score;
    }
}
