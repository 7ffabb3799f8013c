package dev.tensile.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code tensile bench tune}: measures the tiles and depth slices of {@link KernelConfig#candidates} on this
 * machine and JVM and stores the fastest in {@link KernelConfigFile}, which later processes read at start. Only
 * ever run when asked: a process without a stored kernel uses the cache rule.
 *
 * <p>Each candidate runs in a JVM of its own (the same java and JVM options as this one): in one JVM the second
 * tile's kernel would be compiled into the code the first one shaped, and every later candidate measured slower
 * than it is. A candidate is timed on one thread, after a second of warm-up, on two shapes that weigh what
 * training does: a square n = 1024 and the B2b forward product 256 x 1024 x 784; its score is the geometric
 * mean of the two median GFLOPS. A candidate must beat the cache rule by more than 3% to replace it.
 */
public final class KernelTuner {
    private static final List<GemmBench.Shape> SHAPES = List.of(GemmBench.Shape.parse("1024x1024x1024:NN"),
            GemmBench.Shape.parse("256x1024x784:NN"));
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int RUNS = 11;
    private static final double MARGIN = 1.03;

    private KernelTuner() {
    }

    /**
     * Measures, prints one line per candidate and the choice, and stores the choice.
     *
     * @return the stored configuration, or null when the scalar GEMM runs (nothing to tune)
     */
    public static KernelConfig tune(PrintStream out) throws IOException, InterruptedException {
        KernelConfig current = GemmProvider.config();
        if (current == null) {
            out.println("bench tune: the scalar GEMM runs here (" + GemmProvider.describe() + "); nothing to tune");
            return null;
        }
        CacheSizes caches = CacheSizes.detect();
        KernelConfig rule = KernelConfig.fromCaches(current.vectorBits(), caches);
        out.println("bench tune: " + current.vectorBits() + "-bit vectors, " + caches + " (" + caches.source()
                + "), Java " + Runtime.version() + ", 1 thread, one JVM per candidate");
        double ruleScore = measure(rule, out, " (the cache rule)");
        KernelConfig best = rule;
        double bestScore = ruleScore;
        for (KernelConfig c : KernelConfig.candidates(current.vectorBits(), caches)) {
            if (c.equals(rule)) {
                continue;
            }
            double s = measure(c, out, "");
            if (s > bestScore && s > ruleScore * MARGIN) {
                best = c;
                bestScore = s;
            }
        }
        KernelConfigFile file = KernelConfigFile.standard();
        file.write(best, KernelConfigFile.cpuModel(), bestScore);
        out.printf(Locale.ROOT, "bench tune: chose %s %s (%.1f GFLOPS, the cache rule %.1f); stored in %s as \"%s\"%n",
                best.kernelName(), best.blocking(), bestScore, ruleScore, file.path(),
                KernelConfigFile.key(best.vectorBits()));
        return best;
    }

    /** Runs one candidate in a new JVM and returns its score (0 when that JVM failed, which is printed). */
    private static double measure(KernelConfig c, PrintStream out, String note) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelTuner.class.getName(),
                String.valueOf(c.vectorBits()), String.valueOf(c.rows()), String.valueOf(c.kc()), String.valueOf(c.mc()),
                String.valueOf(c.nc())));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        int status = p.waitFor();
        if (status != 0 || line == null || !line.contains(" score=")) {
            out.println("bench tune " + c.kernelName() + " " + c.blocking() + ": the measuring JVM failed (exit " + status + ")");
            return 0;
        }
        out.println("bench tune " + c.kernelName() + " " + c.blocking() + line + note);
        return Double.parseDouble(line.substring(line.indexOf(" score=") + 7));
    }

    /** The measuring JVM: {@code KernelTuner BITS ROWS KC MC NC} prints {@code " 1024x1024x1024=160.1 ... score=150.2"}. */
    public static void main(String[] args) {
        int[] v = Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        KernelConfig config = new KernelConfig(v[0], v[1], v[2], v[3], v[4], "candidate");
        Gemm gemm = GemmProvider.panama(1, config).orElseThrow(() -> new IllegalStateException("no vector kernel here"));
        List<GemmBench.Operands> operands = new ArrayList<>();
        for (GemmBench.Shape s : SHAPES) {
            operands.add(new GemmBench.Operands(s, new SplittableRandom(s.k())));
        }
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            for (GemmBench.Operands x : operands) {
                x.call(gemm);
            }
        }
        StringBuilder line = new StringBuilder();
        double logSum = 0;
        for (GemmBench.Operands x : operands) {
            long[] times = new long[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long t0 = System.nanoTime();
                x.call(gemm);
                times[r] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            double gflops = x.s.flop() / times[RUNS / 2];
            logSum += Math.log(gflops);
            line.append(String.format(Locale.ROOT, " %dx%dx%d=%.1f", x.s.m(), x.s.n(), x.s.k(), gflops));
        }
        System.out.printf(Locale.ROOT, "%s score=%.1f%n", line, Math.exp(logSum / operands.size()));
    }
}
