package dev.tensile.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import dev.tensile.distributed.DistributedRun;
import dev.tensile.distributed.DistributedTraining;
import dev.tensile.plugin.ConsoleOutput;
import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.train.TrainingLoop;

/**
 * The {@code spark} backend: {@code distributed master: 'local[2]', workers: 2, averageEvery: 8} in a script's
 * {@code train { }} block.
 *
 * <ul>
 *   <li>{@code master}: the Spark master URL; default: spark-submit's, else {@code local[*]}. Under spark-submit
 *       its {@code --master} wins over the script's.</li>
 *   <li>{@code workers}: partitions of the training set, one replica each; default 0 = Spark's default
 *       parallelism (the cores of a local master); range 0 to 100000.</li>
 *   <li>{@code mode}: {@code 'average'} (default; parameter averaging) or {@code 'sync'} (synchronous SGD: one
 *       global batch of {@code batch} rows per round, gradients averaged).</li>
 *   <li>{@code averageEvery}: local steps between averagings in {@code 'average'} mode, K; default 32; range 1 to
 *       1000000. Ignored in {@code 'sync'} mode.</li>
 * </ul>
 *
 * <p>Why these defaults, measured (B2a on local[2], one thread per executor, benchmarks/README.md): a round costs
 * 25-90 ms of Spark (job, tasks, serialization) whatever it computes, and a B2a step of 128 samples about 3 ms, so
 * averaging every step (5,600 samples/s) or synchronous SGD (4,100) spend 85-90% of the time in Spark. K = 32
 * (46,600 samples/s) beats the single JVM (43,100 on one thread) with a 5-epoch test accuracy of 0.875, the same as
 * K = 8 (0.876, 27,200 samples/s) and K = 1 (0.872).
 */
public final class SparkTraining implements DistributedTraining {
    private static volatile RunStats last;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String description() {
        return "data-parallel training on Apache Spark: parameter averaging or synchronous SGD";
    }

    @Override
    public List<Param> parameters() {
        return List.of(
                Param.text("master", "", "Spark master URL (default: spark-submit's, else local[*])"),
                Param.integer("workers", 0, 0, 100_000, "partitions, one replica each (0: Spark's default parallelism)"),
                Param.choice("mode", "average", List.of("average", "sync"),
                        "average: parameter averaging every averageEvery steps; sync: gradients averaged every step"),
                Param.integer("averageEvery", 32, 1, 1_000_000, "local steps between averagings (mode average)"));
    }

    /** The timing of the last run in this JVM (null before one), for benchmarks. */
    public static RunStats lastRun() {
        return last;
    }

    @Override
    public TrainingLoop.Result fit(DistributedRun run, Params options) {
        PrintStream out = run.registry().injector().getInstance(ConsoleOutput.class).get();
        new PluginCheck(run.registry()).refuseScriptPlugins(run.spec(), run.plan());
        JavaSparkContext sc = SparkContexts.get(options.text("master"), out);
        int partitions = options.integer("workers") > 0 ? options.integer("workers") : sc.defaultParallelism();
        if (partitions > run.train().size()) {
            throw new IllegalArgumentException("distributed workers: " + partitions + " is more than the "
                    + run.train().size() + " training examples");
        }
        List<String> jars = shipPluginJars(sc, run.registry());
        for (dev.tensile.spi.Callback.Listener cb : run.config().callbacks()) {
            if (cb.diagnosticsEvery() > 0) {
                // The per-layer statistics live in the replicas' networks on the executors, mid-round.
                out.println("spark: per-layer diagnostics (gradient-monitor, onDiagnostics) are not computed in"
                        + " distributed training; they run in a local run of the same script");
                break;
            }
        }
        Recipe recipe = new Recipe(UUID.randomUUID().toString(), run.spec(), run.plan(), jars);
        List<Shard> shards = Shards.split(run.train(), partitions, run.plan().seed());
        int[] sizes = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            sizes[p] = shards.get(p).rows();
        }
        // Each shard travels once, as its own broadcast, and stays cached as a block on the executor that trains it.
        // (A parallelized collection would carry its data inside every task of every round: measured on B2a, 94 MB
        // per task and 400-800 ms per round.) A lost executor's shard is fetched again from its broadcast.
        List<Broadcast<Shard>> shipped = new ArrayList<>(partitions);
        for (Shard s : shards) {
            shipped.add(sc.broadcast(s));
        }
        List<Integer> ids = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        JavaRDD<Shard> rdd = sc.parallelize(ids, partitions).map(p -> shipped.get(p).value())
                .persist(StorageLevel.MEMORY_ONLY());
        Broadcast<Recipe> r = sc.broadcast(recipe);
        RunStats stats = new RunStats();
        last = stats;
        boolean sync = options.text("mode").equals("sync");
        out.printf("spark: %s on %s, %d partitions (%s examples each)%s%n",
                sync ? "synchronous SGD" : "parameter averaging every " + options.integer("averageEvery") + " steps",
                sc.master(), partitions, sizes[0] == sizes[partitions - 1] ? sizes[0] : sizes[partitions - 1] + "-" + sizes[0],
                jars.isEmpty() ? "" : ", plugin jars shipped: " + String.join(", ", jars));
        try {
            DriverLoop loop = sync ? new SynchronousSgd(sc, rdd, r, run, sizes, stats)
                    : new ParameterAveraging(sc, rdd, r, run, sizes, stats, options.integer("averageEvery"));
            TrainingLoop.Result result = loop.run();
            out.println(stats.summary());
            return result;
        } finally {
            String job = recipe.job;
            rdd.foreachPartition(it -> Replica.forget(job));
            rdd.unpersist(false);
            r.destroy();
            shipped.forEach(Broadcast::destroy);
        }
    }

    /** Plugin jars (from --plugins folders) go to every executor with addFile; each replica loads them from there. */
    private static List<String> shipPluginJars(JavaSparkContext sc, PluginRegistry registry) {
        Set<String> sources = new LinkedHashSet<>();
        for (PluginEntry e : registry.entries()) {
            if (!e.source().equals("built-in") && !e.source().equals(PluginRegistry.SCRIPT)) {
                sources.add(e.source());
            }
        }
        List<String> names = new ArrayList<>();
        for (String jar : sources) {
            sc.addFile(jar);
            names.add(Path.of(jar).getFileName().toString());
        }
        return names;
    }
}
