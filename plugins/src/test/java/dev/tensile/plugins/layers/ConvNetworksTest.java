package dev.tensile.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ComputePool;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.GradientChecker;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Adam;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.LabeledData;
import dev.tensile.train.Metrics;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

/**
 * Convolutional networks built from the layer plugins by name: every parameter gradient against finite differences,
 * shapes and parameter counts in the summary, shape mistakes naming the layer and both shapes, training that learns,
 * and the same weights for 1 and 2 threads.
 */
class ConvNetworksTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    static LayerSpec layer(String name, Map<String, Object> params, String activation) {
        return new LayerSpec(new PluginRef(name, params), activation == null ? null : PluginRef.of(activation), null);
    }

    static LayerSpec dense(int units, String activation) {
        return layer("dense", Map.of("units", units), activation);
    }

    /** B3 of BENCHMARKS.md. */
    static ModelSpec b3() {
        return new ModelSpec(Shape.of(28, 28, 1), List.of(
                layer("conv2d", Map.of("filters", 32, "kernel", 3, "padding", "same"), "relu"),
                layer("pool", Map.of("type", "max", "size", 2), null),
                layer("conv2d", Map.of("filters", 64, "kernel", 3, "padding", "same"), "relu"),
                layer("pool", Map.of("type", "max", "size", 2), null),
                layer("flatten", Map.of(), null),
                dense(128, "relu")), dense(10, "softmax"), "cross-entropy");
    }

    @Test
    void everyParameterGradientOfASmoothConvNetworkMatchesFiniteDifferences() {
        ModelSpec spec = new ModelSpec(Shape.of(6, 6, 2), List.of(
                layer("conv2d", Map.of("filters", 3, "kernel", 3, "padding", "same"), "tanh"),
                layer("batch-norm", Map.of(), null),
                layer("avg-pool", Map.of("size", 2), null),
                layer("conv2d", Map.of("filters", 2, "kernel", 2, "stride", 1, "padding", 1, "dilation", 2), "softplus"),
                layer("global-avg-pool", Map.of(), null),
                dense(4, "tanh")), dense(3, "softmax"), "cross-entropy");
        Network net = new NetworkBuilder(REGISTRY, new ScalarGemm()).build(spec, 3).network();
        Rng rng = new Rng(4);
        for (Parameter p : net.parameters()) {
            if (p.name().endsWith("gamma")) {
                for (int i = 0; i < p.value().size(); i++) {
                    p.value().data()[i] = (float) (1 + 0.3 * rng.gaussian()); // not all ones, so gamma's gradient matters
                }
            }
        }
        Matrix x = new Matrix(5, 72);
        Matrix y = new Matrix(5, 3);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 72; c++) {
                x.set(r, c, (float) rng.gaussian());
            }
            y.set(r, rng.nextInt(3), 1);
        }
        GradientChecker.Report r = new GradientChecker(1e-2, 1e-2).check(net, x, y);
        assertThat(r.checked()).isEqualTo((int) net.parameterCount());
        assertThat(r.maxRelativeError()).as(r.toString()).isLessThan(1e-2);
    }

    @Test
    void summaryGivesEveryLayersShapeAndParameterCount() {
        NetworkBuilder.Built built = new NetworkBuilder(REGISTRY, new ScalarGemm()).build(b3(), 1);
        assertThat(built.network().parameterCount()).isEqualTo(421_642); // as BENCHMARKS.md counts B3
        List<String> rows = built.summary().stream().map(r -> r.layer() + " " + r.output() + " " + r.parameters()).toList();
        assertThat(rows).containsSubsequence(
                "layer 1 (conv2d 32 3x3) [28, 28, 32] 320",
                "layer 2 (max-pool 2x2 stride 2) [14, 14, 32] 0",
                "layer 3 (conv2d 64 3x3) [14, 14, 64] 18496",
                "layer 4 (max-pool 2x2 stride 2) [7, 7, 64] 0",
                "layer 5 (flatten) [3136] 0",
                "layer 6 (dense 128) [128] 401536");
    }

    @Test
    void shapeMistakesNameTheLayerAndBothShapes() {
        NetworkBuilder b = new NetworkBuilder(REGISTRY, new ScalarGemm());
        ModelSpec convOnVector = new ModelSpec(Shape.of(784), List.of(
                layer("conv2d", Map.of("filters", 8), "relu")), dense(10, "softmax"), "cross-entropy");
        assertThatThrownBy(() -> b.build(convOnVector, 1)).hasMessageContaining("layer 1 (conv2d)")
                .hasMessageContaining("needs an image input [height, width, channels], got [784]");
        ModelSpec denseOnImage = new ModelSpec(Shape.of(28, 28, 1), List.of(
                layer("conv2d", Map.of("filters", 8), "relu")), dense(10, "softmax"), "cross-entropy");
        assertThatThrownBy(() -> b.build(denseOnImage, 1)).hasMessageContaining("layer 2 (dense)")
                .hasMessageContaining("needs a vector input, got [26, 26, 8]");
        ModelSpec tooSmall = new ModelSpec(Shape.of(4, 4, 1), List.of(
                layer("conv2d", Map.of("filters", 8, "kernel", 5), "relu"), layer("flatten", Map.of(), null)),
                dense(10, "softmax"), "cross-entropy");
        assertThatThrownBy(() -> b.build(tooSmall, 1)).hasMessageContaining("layer 1 (conv2d)")
                .hasMessageContaining("a 5x5 window does not fit a 4x4 input");
        ModelSpec badPadding = new ModelSpec(Shape.of(4, 4, 1), List.of(
                layer("conv2d", Map.of("filters", 8, "padding", "full"), "relu"), layer("flatten", Map.of(), null)),
                dense(10, "softmax"), "cross-entropy");
        assertThatThrownBy(() -> b.build(badPadding, 1)).hasMessageContaining("layer 1 (conv2d)")
                .hasMessageContaining("padding must be 'same', 'valid' or a number of pixels from 0 to 1024, got 'full'");
    }

    @Test
    void heNormalKernelsHaveTheVarianceOfTheirFanIn() {
        Network net = new NetworkBuilder(REGISTRY, new ScalarGemm()).build(b3(), 5).network();
        Parameter kernel = net.parameters().stream().filter(p -> p.name().contains("layer 3")
                && p.name().endsWith("kernel")).findFirst().orElseThrow();
        double sumSq = 0;
        for (float v : kernel.value().data()) {
            sumSq += (double) v * v;
        }
        double variance = sumSq / kernel.value().size();
        // He-normal with fan-in 3 x 3 x 32 = 288: variance 2 / 288; 18,432 draws put the estimate within 3%
        assertThat(variance).isBetween(0.97 * 2.0 / 288, 1.03 * 2.0 / 288);
    }

    /** 8x8 images with a bar: vertical (class 0) or horizontal (class 1), at a random place, plus noise. */
    static LabeledData bars(int n, Rng rng) {
        Matrix x = new Matrix(n, 64);
        Matrix y = new Matrix(n, 2);
        for (int i = 0; i < n; i++) {
            int cls = rng.nextInt(2);
            int at = rng.nextInt(8);
            for (int p = 0; p < 64; p++) {
                x.set(i, p, (float) (0.3 * rng.gaussian()));
            }
            for (int t = 0; t < 8; t++) {
                x.set(i, cls == 0 ? t * 8 + at : at * 8 + t, 1f + x.get(i, cls == 0 ? t * 8 + at : at * 8 + t));
            }
            y.set(i, cls, 1);
        }
        return new LabeledData(x, y);
    }

    static ModelSpec barsNet() {
        return new ModelSpec(Shape.of(8, 8, 1), List.of(
                layer("conv2d", Map.of("filters", 4, "kernel", 3, "padding", "same"), "relu"),
                layer("batch-norm", Map.of(), null),
                layer("pool", Map.of("type", "max", "size", 2), null),
                layer("dropout", Map.of("rate", 0.1), null),
                layer("flatten", Map.of(), null)), dense(2, "softmax"), "cross-entropy");
    }

    @Test
    void aSmallConvNetworkLearnsToTellBarsApart() {
        Rng rng = new Rng(6);
        LabeledData train = bars(512, rng);
        LabeledData test = bars(256, rng);
        Network net = new NetworkBuilder(REGISTRY, GemmProvider.get()).build(barsNet(), 2).network();
        TrainingLoop.fit(net, train, null, new TrainingConfig(8, 32, 2, new Adam(1e-2), List.of(), List.of(), List.of()));
        double accuracy = Metrics.evaluate(net, test, new Metrics.Buffers(64, 64, 2)).accuracy();
        assertThat(accuracy).isGreaterThan(0.95);
    }

    @Test
    void dropoutOnFeatureMapsIsInvertedAndActsInTrainingOnly() {
        ModelSpec spec = new ModelSpec(Shape.of(6, 6, 4), List.of(layer("dropout", Map.of("rate", 0.25), null),
                layer("flatten", Map.of(), null)), dense(2, "softmax"), "cross-entropy");
        Network net = new NetworkBuilder(REGISTRY, new ScalarGemm()).build(spec, 1).network();
        Matrix x = new Matrix(50, 144);
        x.fill(2f);
        net.forward(x, false);
        assertThat(net.layerOutput(0).data()).as("inference: the identity").containsOnly(2f);
        net.forward(x, true);
        float[] y = net.layerOutput(0).data();
        int dropped = 0;
        for (float v : y) {
            if (v == 0f) {
                dropped++;
            } else {
                assertThat(v).as("kept values are scaled by 1 / (1 - rate)").isCloseTo(2f / 0.75f, org.assertj.core.api.Assertions.within(1e-6f));
            }
        }
        // 7,200 values, each dropped with probability 0.25: the fraction is within 4 standard deviations (0.0051 each)
        assertThat(dropped / 7200.0).isBetween(0.25 - 0.021, 0.25 + 0.021);
    }

    @Test
    void oneAndTwoThreadsTrainTheSameWeights() {
        float[][] one = trainWith(1);
        float[][] two = trainWith(2);
        for (int i = 0; i < one.length; i++) {
            assertThat(two[i]).as("array %d", i).isEqualTo(one[i]);
        }
    }

    private static float[][] trainWith(int threads) {
        int saved = ComputePool.shared().threads();
        ComputePool.shared().setThreads(threads);
        try {
            Rng rng = new Rng(9);
            LabeledData train = bars(256, rng);
            Network net = new NetworkBuilder(REGISTRY, GemmProvider.withThreads(threads)).build(barsNet(), 4).network();
            TrainingLoop.fit(net, train, null, new TrainingConfig(2, 64, 4, new Adam(1e-2), List.of(), List.of(), List.of()));
            return net.arrays().stream().map(p -> p.value().data().clone()).toArray(float[][]::new);
        } finally {
            ComputePool.shared().setThreads(saved);
        }
    }
}
