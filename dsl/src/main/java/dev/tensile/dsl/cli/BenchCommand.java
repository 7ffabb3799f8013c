package dev.tensile.dsl.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.tensile.kernel.GemmBench;

/** {@code tensile bench}: the benchmarks of BENCHMARKS.md that a user can run on their own machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = BenchCommand.Gemm.class)
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** B1: square float32 GEMM, one line per case with the median GFLOPS. */
    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = "Square float32 GEMM: median GFLOPS after warm-up, one line per case.")
    static final class Gemm implements Runnable {
        @Option(names = "--n", split = ",", paramLabel = "N", description = "Sizes (default: 256,512,1024,2048).")
        List<Integer> sizes = List.of(256, 512, 1024, 2048);

        @Option(names = "--threads", split = ",", paramLabel = "T",
                description = "Thread counts (default: 1 and all cores).")
        List<Integer> threads;

        @Option(names = "--layout", split = ",", paramLabel = "L", description = "NN, NT, TN or TT (default: NN).")
        List<String> layouts = List.of("NN");

        @Override
        public void run() {
            int cores = Runtime.getRuntime().availableProcessors();
            List<Integer> t = threads != null ? threads : cores > 1 ? List.of(1, cores) : List.of(1);
            GemmBench.run(sizes.stream().mapToInt(Integer::intValue).toArray(),
                    t.stream().mapToInt(Integer::intValue).toArray(), layouts.toArray(String[]::new), System.out);
        }
    }
}
