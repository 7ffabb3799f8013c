package dev.tensile.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.distributed.DistributedRun;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.ParamBinder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

/** The spirals as matrices, a small model and plans, and a way to train them on Spark or on this thread. */
final class Fixtures {
    /** One context for every test class of this module (Spark allows one per JVM): 2 threads, 2 tries per task. */
    static final String MASTER = "local[2,2]";
    static final PluginRegistry REGISTRY = PluginRegistry.discover();
    static final NetworkBuilder BUILDER = new NetworkBuilder(REGISTRY, GemmProvider.get());

    private Fixtures() {
    }

    /** examples/data/spirals.csv in a seeded random order, as [train, test] with 480 and 120 examples. */
    static LabeledData[] spirals() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("..", "examples", "data", "spirals.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> classes = new LinkedHashMap<>();
        List<float[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int c = classes.computeIfAbsent(f[2], k -> classes.size());
            rows.add(new float[] {Float.parseFloat(f[0]), Float.parseFloat(f[1]), c});
        }
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        new Rng(5).shuffle(order);
        int testSize = rows.size() / 5;
        return new LabeledData[] {matrices(rows, order, testSize, rows.size()), matrices(rows, order, 0, testSize)};
    }

    private static LabeledData matrices(List<float[]> rows, int[] order, int from, int to) {
        Matrix x = new Matrix(to - from, 2);
        Matrix y = new Matrix(to - from, 3);
        for (int i = from; i < to; i++) {
            float[] r = rows.get(order[i]);
            x.set(i - from, 0, r[0]);
            x.set(i - from, 1, r[1]);
            y.set(i - from, (int) r[2], 1f);
        }
        return new LabeledData(x, y);
    }

    /** 2-32-32-3 with dropout between the hidden layers when {@code dropout} is above 0. */
    static ModelSpec spec(double dropout) {
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(dense(32, "relu"));
        if (dropout > 0) {
            layers.add(LayerSpec.of(new PluginRef("dropout", Map.of("rate", dropout))));
        }
        layers.add(dense(32, "relu"));
        return new ModelSpec(2, layers, dense(3, "softmax"), "cross-entropy");
    }

    private static LayerSpec dense(int units, String activation) {
        return new LayerSpec(new PluginRef("dense", Map.of("units", units)), PluginRef.of(activation), null);
    }

    static TrainPlan plan(int epochs, int batch, PluginRef optimizer, List<PluginRef> regularizers,
                          List<PluginRef> augmentations) {
        return new TrainPlan(epochs, batch, 11, optimizer, regularizers, augmentations, List.of(), List.of());
    }

    static Network network(ModelSpec spec, TrainPlan plan) {
        return BUILDER.build(spec, plan.seed()).network();
    }

    /** Trains a fresh network on this thread. */
    static Trained local(ModelSpec spec, TrainPlan plan, LabeledData train) {
        Network net = network(spec, plan);
        TrainingConfig config = plan.bind(REGISTRY);
        TrainingLoop.Result r = TrainingLoop.fitFrom(net, train, null, config, null);
        return new Trained(net, r);
    }

    /** Trains a fresh network on Spark with the given options. */
    static Trained spark(ModelSpec spec, TrainPlan plan, LabeledData train, Map<String, Object> options) {
        Network net = network(spec, plan);
        TrainingConfig config = plan.bind(REGISTRY);
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.putIfAbsent("master", MASTER);
        SparkTraining spark = new SparkTraining();
        TrainingLoop.Result r = spark.fit(new DistributedRun(spec, plan, REGISTRY, net, train, null, config, null),
                ParamBinder.bind(spark, all));
        return new Trained(net, r);
    }

    record Trained(Network network, TrainingLoop.Result result) {
        float[] weights() {
            float[] all = new float[Vectors.size(network.parameters(), 0)];
            Vectors.write(network.parameters(), null, all);
            return all;
        }

        float[] optimizerState() {
            var opt = result.state().optimizer();
            float[] all = new float[Vectors.size(network.parameters(), opt.slotsPerParameter())];
            Vectors.write(network.parameters(), opt, all);
            return all;
        }
    }
}
