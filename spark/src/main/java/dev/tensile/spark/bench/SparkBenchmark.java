package dev.tensile.spark.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tensile.distributed.DistributedRun;
import dev.tensile.dsl.bench.TrainBenchmark;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.ParamBinder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spark.RunStats;
import dev.tensile.spark.SparkTraining;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.LabeledData;
import dev.tensile.train.Metrics;
import dev.tensile.train.TrainPlan;

/**
 * B2a (784-256-256-10, He-normal, Adam 1e-3, batch 128 per replica, Fashion-MNIST) on a Spark master:
 * {@code SparkBenchmark [--master local[2]] [--threads 1] [--epochs 5] [--seed 1] [--data DIR] RUN...} where a RUN
 * is {@code average:K}, {@code sync} or {@code local}. One line per epoch: samples/s of the epoch (60,000 / its
 * seconds, dev evaluation not included), test accuracy after it, and where the epoch's rounds spent their time (the
 * replicas' training against the rest, Spark's); then the median samples/s of epochs 2 on.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    private static LayerSpec dense(int units, String activation, PluginRef init) {
        return new LayerSpec(new PluginRef("dense", java.util.Map.of("units", units)), PluginRef.of(activation), init);
    }

    public static void main(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--master", "local[2]", "--threads", "1", "--epochs", "5",
                "--seed", "1", "--data", TrainBenchmark.DEFAULT_DATA.toString()));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (opts.containsKey(args[i])) {
                opts.put(args[i], args[++i]);
            } else {
                runs.add(args[i]);
            }
        }
        Path dir = Path.of(opts.get("--data"));
        String missing = TrainBenchmark.missing(dir);
        if (missing != null) {
            System.out.println(missing);
            return;
        }
        int threads = Integer.parseInt(opts.get("--threads"));
        int epochs = Integer.parseInt(opts.get("--epochs"));
        long seed = Long.parseLong(opts.get("--seed"));
        GemmProvider.setThreads(threads);
        LabeledData[] data = TrainBenchmark.load(dir);
        PrintStream out = System.out;
        out.println("bench spark kernel: " + GemmProvider.describe() + ", Java " + Runtime.version() + ", threads " + threads);
        for (String run : runs) {
            if (run.equals("local")) {
                TrainBenchmark.run(TrainBenchmark.Model.B2A, threads, epochs, seed, dir, out);
            } else {
                Map<String, Object> options = new LinkedHashMap<>();
                options.put("master", opts.get("--master"));
                if (run.equals("sync")) {
                    options.put("mode", "sync");
                } else if (run.startsWith("average:")) {
                    options.put("averageEvery", Integer.parseInt(run.substring(8)));
                } else {
                    throw new IllegalArgumentException("a run is local, sync or average:K, got " + run);
                }
                spark(run, options, data, epochs, seed, out);
            }
        }
    }

    private static void spark(String name, Map<String, Object> options, LabeledData[] data, int epochs, long seed,
                              PrintStream out) {
        PluginRegistry registry = PluginRegistry.discover();
        PluginRef he = PluginRef.of("he-normal");
        ModelSpec spec = new ModelSpec(784, List.of(dense(256, "relu", he),
                dense(256, "relu", he)), dense(10, "softmax", he),
                "cross-entropy");
        Network net = new NetworkBuilder(registry, GemmProvider.get()).build(spec, seed).network();
        Metrics.Buffers buffers = new Metrics.Buffers(1000, 784, 10);
        double[] rates = new double[epochs];
        long[] last = new long[3];
        Callback.Listener report = new Callback.Listener() {
            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                double accuracy = Metrics.evaluate(net, data[1], buffers).accuracy();
                RunStats s = SparkTraining.lastRun();
                long rounds = s.rounds() - last[0];
                double wall = (s.wallNanos() - last[1]) / 1e6 / rounds;
                double train = (s.trainNanos() - last[2]) / 1e6 / rounds;
                last[0] = s.rounds();
                last[1] = s.wallNanos();
                last[2] = s.trainNanos();
                rates[log.epoch() - 1] = ctx.trainSize() / log.seconds();
                out.printf(Locale.ROOT, "bench spark run=%s epoch=%d seconds=%.2f samples/s=%.0f test_accuracy=%.4f"
                                + " rounds=%d round_ms=%.1f train_ms=%.1f spark_ms=%.1f%n", name, log.epoch(), log.seconds(),
                        rates[log.epoch() - 1], accuracy, rounds, wall, train, wall - train);
            }
        };
        TrainPlan plan = new TrainPlan(epochs, 128, seed, new PluginRef("adam", Map.of("lr", 1e-3)), List.of(), List.of(),
                List.of(), List.of(report));
        SparkTraining spark = new SparkTraining();
        spark.fit(new DistributedRun(spec, plan, registry, net, data[0], null, plan.bind(registry), null),
                ParamBinder.bind(spark, options));
        if (epochs >= 3) {
            double[] timed = Arrays.copyOfRange(rates, 1, epochs);
            Arrays.sort(timed);
            int n = timed.length;
            double median = n % 2 == 1 ? timed[n / 2] : (timed[n / 2 - 1] + timed[n / 2]) / 2;
            out.printf(Locale.ROOT, "bench spark run=%s epochs=2-%d median_samples/s=%.0f min=%.0f max=%.0f%n", name,
                    epochs, median, timed[0], timed[n - 1]);
        }
    }
}
