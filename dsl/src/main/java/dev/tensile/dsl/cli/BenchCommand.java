package dev.tensile.dsl.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.tensile.kernel.GemmBench;

/** {@code tensile bench}: the benchmarks of BENCHMARKS.md that a user can run on their own machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = {BenchCommand.Gemm.class, BenchCommand.Train.class, BenchCommand.Tune.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** B2: training an MLP on Fashion-MNIST, one line per epoch. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the B2a or B2b MLP or the B3 CNN on Fashion-MNIST: seconds, samples/s, loss, test accuracy per epoch.")
    static final class Train implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--model", description = "b2a (784-256-256-10, batch 128), b2b (784-1024-1024-10, batch 256) "
                + "or b3 (conv 32 - pool - conv 64 - pool - dense 128 - 10, batch 128).")
        String model = "b2a";

        @Option(names = "--profile", description = "Also print the share of each epoch in conv forward, conv input "
                + "and weight gradients, pooling and the rest (b3).")
        boolean profile;

        @Option(names = "--threads", description = "Kernel threads (default: all cores).")
        Integer threads;

        @Option(names = "--epochs", description = "Epochs (default: 5).")
        int epochs = 5;

        @Option(names = "--seed", description = "Seed for weights and shuffling (default: 1).")
        long seed = 1;

        @Option(names = "--data", description = "Folder of the four *-ubyte.gz files (default: /usr/share/datasets/fashion-mnist).")
        java.nio.file.Path data = dev.tensile.dsl.bench.TrainBenchmark.DEFAULT_DATA;

        @Override
        public Integer call() {
            dev.tensile.dsl.bench.TrainBenchmark.Model m = switch (model) {
                case "b2a" -> dev.tensile.dsl.bench.TrainBenchmark.Model.B2A;
                case "b2b" -> dev.tensile.dsl.bench.TrainBenchmark.Model.B2B;
                case "b3" -> dev.tensile.dsl.bench.TrainBenchmark.Model.B3;
                default -> null;
            };
            if (m == null) {
                System.err.println("--model must be b2a, b2b or b3, got " + model);
                return 1;
            }
            if (epochs < 1 || (threads != null && threads < 1)) {
                System.err.println("--epochs and --threads must be at least 1");
                return 1;
            }
            String missing = dev.tensile.dsl.bench.TrainBenchmark.missing(data);
            if (missing != null) {
                System.err.println(missing);
                return 1;
            }
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            dev.tensile.dsl.bench.TrainBenchmark.run(m, t, epochs, seed, data, profile, System.out);
            return 0;
        }
    }

    /** B1: square float32 GEMM, or the shapes of a B2 model, one line per case with the median GFLOPS and range. */
    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = "Float32 GEMM: the kernel, tile and blocking used, then median GFLOPS (min, max) per case.")
    static final class Gemm implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--n", split = ",", paramLabel = "N", description = "Square sizes (default: 256,512,1024,2048).")
        List<Integer> sizes = List.of(256, 512, 1024, 2048);

        @Option(names = "--threads", split = ",", paramLabel = "T",
                description = "Thread counts (default: 1 and all cores).")
        List<Integer> threads;

        @Option(names = "--layout", split = ",", paramLabel = "L", description = "NN, NT, TN or TT (default: NN).")
        List<String> layouts = List.of("NN");

        @Option(names = "--shapes", split = ",", paramLabel = "S",
                description = "Instead of squares: b2a, b2b (the GEMMs of a training step) or MxNxK:LAYOUT, e.g. 256x10x1024:NN.")
        List<String> shapes;

        @Override
        public Integer call() {
            int cores = Runtime.getRuntime().availableProcessors();
            List<Integer> t = threads != null ? threads : cores > 1 ? List.of(1, cores) : List.of(1);
            if (t.stream().anyMatch(x -> x < 1)) {
                System.err.println("--threads must be at least 1, got " + t);
                return 1;
            }
            int[] ts = t.stream().mapToInt(Integer::intValue).toArray();
            try {
                if (shapes != null) {
                    List<GemmBench.Shape> list = new java.util.ArrayList<>();
                    for (String s : shapes) {
                        switch (s.toLowerCase(java.util.Locale.ROOT)) {
                            case "b2a" -> list.addAll(GemmBench.B2A);
                            case "b2b" -> list.addAll(GemmBench.B2B);
                            default -> list.add(GemmBench.Shape.parse(s));
                        }
                    }
                    GemmBench.run(list, ts, System.out);
                } else {
                    GemmBench.run(sizes.stream().mapToInt(Integer::intValue).toArray(), ts,
                            layouts.toArray(String[]::new), System.out);
                }
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    /** Measures a few kernels on this machine and stores the fastest in ~/.tensile/kernel.json. */
    @Command(name = "tune", mixinStandardHelpOptions = true,
            description = "Measure a few GEMM tiles and blockings here (about 20 s) and store the fastest in "
                    + "~/.tensile/kernel.json, which later runs on this JVM and vector width read at start.")
    static final class Tune implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            dev.tensile.kernel.KernelTuner.tune(System.out);
            return 0;
        }
    }
}
