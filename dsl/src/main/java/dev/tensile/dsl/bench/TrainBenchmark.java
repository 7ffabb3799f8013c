package dev.tensile.dsl.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.data.Sources;
import dev.tensile.data.TribuoData;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.nn.conv.OpTimes;
import dev.tensile.optim.Adam;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.LabeledData;
import dev.tensile.train.Metrics;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

/**
 * Benchmarks B2 and B3 of BENCHMARKS.md: an MLP or a CNN on Fashion-MNIST (pixels / 255 as float32), He-normal
 * weights, zero biases, Adam (1e-3, 0.9, 0.999, 1e-8), reshuffled every epoch. B2a is 784-256-256-10 with batch 128;
 * B2b 784-1024-1024-10 with batch 256; B3 the CNN of {@link B3Model} on [28, 28, 1] images with batch 128 (the
 * pixels' order is the same: an MLP and a CNN read the same rows). One line per epoch: seconds and samples/s of the epoch's training (the test evaluation after it is
 * not timed), the slowest and fastest tenth of the epoch in samples/s, the epoch's mean training loss and the test
 * accuracy; then, with three epochs or more, the median and range of epochs 2 on (the first is warm-up).
 */
public final class TrainBenchmark {
    public static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /** The two models of B2. */
    public enum Model {
        B2A(256, 128), B2B(1024, 256),
        /** B3: the CNN of BENCHMARKS.md on 28x28x1 images, batch 128. */
        B3(128, 128);

        final int hidden;
        final int batch;

        Model(int hidden, int batch) {
            this.hidden = hidden;
            this.batch = batch;
        }
    }

    private TrainBenchmark() {
    }

    /** The data folder's problem in one line, or null when all four files are there. */
    public static String missing(Path dir) {
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return "Fashion-MNIST is not in " + dir + " (no " + f + "); install it with: "
                        + "apt-get install dataset-fashion-mnist (or give --data DIR)";
            }
        }
        return null;
    }

    private static LayerSpec dense(int units, String activation, PluginRef init) {
        return new LayerSpec(new PluginRef("dense", Map.of("units", units)), PluginRef.of(activation), init);
    }

    public static void run(Model model, int threads, int epochs, long seed, Path dir, PrintStream out) {
        run(model, threads, epochs, seed, dir, false, out);
    }

    /** @param profile also print the share of each epoch in conv forward, input and weight gradients, pooling */
    public static void run(Model model, int threads, int epochs, long seed, Path dir, boolean profile, PrintStream out) {
        GemmProvider.setThreads(threads);
        LabeledData[] data = load(dir);
        PluginRegistry registry = PluginRegistry.discover();
        PluginRef he = PluginRef.of("he-normal");
        ModelSpec spec = model == Model.B3 ? B3Model.spec()
                : new ModelSpec(784, List.of(dense(model.hidden, "relu", he), dense(model.hidden, "relu", he)),
                dense(10, "softmax", he), "cross-entropy");
        Network net = new NetworkBuilder(registry, GemmProvider.get()).build(spec, seed).network();
        OpTimes.enable(profile);
        LabeledData test = data[1];
        Metrics.Buffers buffers = new Metrics.Buffers(model == Model.B3 ? 250 : 1000, 784, 10);
        int trainSize = data[0].inputs().rows();
        StepTimes steps = new StepTimes((trainSize + model.batch - 1) / model.batch, model.batch);
        double[] rates = new double[epochs];
        Callback.Listener report = new Callback.Listener() {
            @Override
            public void onEpochBegin(TrainingContext ctx, int epoch) {
                OpTimes.reset();
            }

            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                String shares = profile ? OpShares.line(log.seconds()) : "";
                double accuracy = Metrics.evaluate(net, test, buffers).accuracy();
                double[] slices = steps.sliceRange();
                rates[log.epoch() - 1] = ctx.trainSize() / log.seconds();
                out.printf(Locale.ROOT, "bench train model=%s threads=%d epoch=%d seconds=%.2f samples/s=%.0f "
                                + "tenths=%.0f-%.0f train_loss=%.4f test_accuracy=%.4f%s%n", model.name().toLowerCase(Locale.ROOT),
                        threads, log.epoch(), log.seconds(), rates[log.epoch() - 1], slices[0], slices[1],
                        log.trainLoss(), accuracy, shares);
            }
        };
        out.println("bench train kernel: " + GemmProvider.describe() + ", Java " + Runtime.version());
        TrainingLoop.fit(net, data[0], null, new TrainingConfig(epochs, model.batch, seed, new Adam(1e-3), List.of(),
                List.of(), List.of(steps, report)));
        if (epochs >= 3) {
            double[] timed = Arrays.copyOfRange(rates, 1, epochs);
            Arrays.sort(timed);
            int n = timed.length;
            double median = n % 2 == 1 ? timed[n / 2] : (timed[n / 2 - 1] + timed[n / 2]) / 2;
            out.printf(Locale.ROOT, "bench train model=%s threads=%d epochs=2-%d median_samples/s=%.0f min=%.0f max=%.0f%n",
                    model.name().toLowerCase(Locale.ROOT), threads, epochs, median, timed[0], timed[n - 1]);
        }
    }

    /** Train and test sets as dense matrices, pixels divided by 255. */
    public static LabeledData[] load(Path dir) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> train = new MutableDataset<>(Sources.idx(dir.resolve(FILES.get(0)), dir.resolve(FILES.get(1)),
                labels).data());
        MutableDataset<Label> test = new MutableDataset<>(Sources.idx(dir.resolve(FILES.get(2)), dir.resolve(FILES.get(3)),
                labels).data());
        FeatureLayout layout = FeatureLayout.forTraining(train, 784);
        Matrix xTrain = TribuoData.inputs(train, layout, Scaling.none());
        Matrix xTest = TribuoData.inputs(test, layout, Scaling.none());
        for (Matrix x : new Matrix[] {xTrain, xTest}) {
            float[] d = x.data();
            for (int i = 0; i < d.length; i++) {
                d[i] /= 255f;
            }
        }
        return new LabeledData[] {
                new LabeledData(xTrain, TribuoData.labelTargets(train, train.getOutputIDInfo())),
                new LabeledData(xTest, TribuoData.labelTargets(test, train.getOutputIDInfo()))};
    }

}
