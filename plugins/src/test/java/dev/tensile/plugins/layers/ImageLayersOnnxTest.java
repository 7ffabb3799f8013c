package dev.tensile.plugins.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.data.Scaling;
import dev.tensile.io.OnnxFiles;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.nn.Stage;
import dev.tensile.onnx.OnnxExport;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * The image layers' ONNX nodes (NCHW operators between layout changes) run in ONNX Runtime and give what our forward
 * pass gives, within 1e-5: each layer alone over the awkward geometries ('same' with even kernels and strides, odd
 * paddings, dilation, a last row no window covers, padded averages), and a small CNN trained on random images with
 * its min-max scaling folded in, against {@code predict}.
 */
class ImageLayersOnnxTest {
    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();
    private static final double TOLERANCE = 1e-5;
    /** Not square, several channels: a swapped height and width or a channel-first flatten cannot pass. */
    private static final Shape IMAGE = Shape.of(7, 6, 3);

    @TempDir
    Path dir;

    private static LayerSpec layer(String name, Map<String, Object> params) {
        return new LayerSpec(new PluginRef(name, params), null, null);
    }

    /** {@code layer}'s outputs in ONNX Runtime (its nodes alone, fed rows of {@code x}) and in our forward pass. */
    private static void assertLayerMatches(Shape input, LayerSpec layer, long seed) throws Exception {
        ModelSpec spec = new ModelSpec(input, List.of(layer, layer("flatten", Map.of())),
                new LayerSpec(new PluginRef("dense", Map.of("units", 2)), PluginRef.of("identity"), null), "mse");
        Network net = new NetworkBuilder(REGISTRY, GemmProvider.get()).build(spec, seed).network();
        Rng rng = new Rng(seed);
        for (Parameter p : net.arrays()) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) {
                // every slot non-trivial (biases, gamma, beta, running mean); variances positive
                v[i] = p.name().endsWith("runningVar") ? (float) (0.2 + rng.nextDouble()) : (float) rng.gaussian();
            }
        }
        Matrix x = new Matrix(5, input.size());
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) rng.gaussian();
        }
        net.forward(x, false);
        Stage stage = net.stages().get(0);
        float[] ours = net.layerOutput(0).data();

        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder in = ctx.floatInput("x", stage.inputSize());
        ONNXPlaceholder out = ctx.floatOutput("y", stage.outputSize());
        ONNXRef<?> y = stage.worker().onnx(in);
        assertThat(y).as(stage.label()).isNotNull();
        y.apply(ONNXOperators.IDENTITY).assignTo(out);
        byte[] model = OnnxMl.ModelProto.newBuilder().setGraph(ctx.buildGraph()).setIrVersion(OnnxExport.IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(OnnxOps.OPSET)).build().toByteArray();
        float[][] theirs;
        try (OrtSession session = ORT.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(ORT, FloatBuffer.wrap(x.data()), new long[] {5, input.size()});
             OrtSession.Result r = session.run(Map.of("x", t))) {
            theirs = (float[][]) r.get(0).getValue();
        }
        assertThat(theirs[0]).as(stage.describe() + ": output size").hasSize(stage.outputSize());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < stage.outputSize(); j++) {
                assertThat((double) theirs[i][j]).as("%s, row %d, value %d", stage.describe(), i, j)
                        .isCloseTo(ours[i * stage.outputSize() + j], within(TOLERANCE));
            }
        }
    }

    @Test
    void everyConvolutionGeometryMatches() throws Exception {
        List<Map<String, Object>> convs = List.of(
                Map.of("filters", 4, "kernel", 3),
                Map.of("filters", 4, "kernel", 3, "padding", "same"),
                Map.of("filters", 2, "kernel", 2, "padding", "same"),                 // even kernel: padding 0 / 1
                Map.of("filters", 2, "kernel", 4, "padding", "same", "stride", 2),    // odd totals, extra at the end
                Map.of("filters", 3, "kernel", 3, "padding", "same", "dilation", 2),
                Map.of("filters", 3, "kernel", 2, "stride", 2, "dilation", 2, "padding", 1),
                Map.of("filters", 2, "kernel", 3, "stride", 2, "padding", 1),        // a bottom pad no window reaches
                Map.of("filters", 5, "kernel", 1, "bias", false));
        long seed = 1;
        for (Map<String, Object> conv : convs) {
            assertLayerMatches(IMAGE, layer("conv2d", conv), seed++);
        }
    }

    @Test
    void everyPoolingGeometryMatchesWithPaddedTapsLeftOut() throws Exception {
        List<Map<String, Object>> windows = List.of(
                Map.of("size", 2),                                  // 7 rows: the last one no window covers
                Map.of("size", 3, "stride", 2, "padding", "same"),
                Map.of("size", 2, "stride", 1, "padding", "same"),  // padding only at the bottom and right
                Map.of("size", 3, "stride", 1, "padding", 1));      // corner windows: 4 of 9 taps inside
        long seed = 20;
        for (Map<String, Object> w : windows) {
            assertLayerMatches(IMAGE, layer("max-pool", w), seed++);
            assertLayerMatches(IMAGE, layer("avg-pool", w), seed++);
        }
        assertLayerMatches(IMAGE, layer("pool", Map.of("type", "avg", "size", 3, "padding", "same")), seed++);
        assertLayerMatches(IMAGE, layer("global-avg-pool", Map.of()), seed++);
    }

    @Test
    void batchNormUsesTheRunningStatisticsOnImagesAndVectors() throws Exception {
        assertLayerMatches(IMAGE, layer("batch-norm", Map.of()), 40);
        assertLayerMatches(IMAGE, layer("batch-norm", Map.of("epsilon", 0.5)), 41);
        assertLayerMatches(Shape.of(12), layer("batch-norm", Map.of()), 42);
    }

    @Test
    void flattenKeepsOurElementOrder() throws Exception {
        assertLayerMatches(IMAGE, layer("flatten", Map.of()), 50);
    }

    /** Random 8x8x2 images with pixel values 0-255 (so the scaling matters); the class is the brighter quadrant. */
    private static MutableDataset<Label> images(int n, long seed) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("random images", f), f);
        Rng rng = new Rng(seed);
        String[] names = featureNames();
        for (int i = 0; i < n; i++) {
            double[] v = new double[names.length];
            int bright = rng.nextInt(3);
            for (int j = 0; j < v.length; j++) {
                int row = j / 16;
                int quadrant = row < 4 ? 0 : (j % 16 < 8 ? 1 : 2);
                v[j] = Math.min(255, 255 * rng.nextDouble() * (quadrant == bright ? 1 : 0.6));
            }
            data.add(new ArrayExample<>(new Label("q" + bright), names, v));
        }
        return data;
    }

    private static String[] featureNames() {
        String[] names = new String[8 * 8 * 2];
        for (int j = 0; j < names.length; j++) {
            names[j] = String.format("%03d", j);
        }
        return names;
    }

    @Test
    void aSmallTrainedCnnWithItsScalingFoldedInGivesPredictsProbabilities() throws Exception {
        ModelSpec spec = new ModelSpec(Shape.of(8, 8, 2), List.of(
                new LayerSpec(new PluginRef("conv2d", Map.of("filters", 4, "kernel", 3, "padding", "same")),
                        PluginRef.of("relu"), null),
                layer("batch-norm", Map.of("momentum", 0.5)),
                layer("max-pool", Map.of("size", 2)),
                new LayerSpec(new PluginRef("conv2d", Map.of("filters", 6, "kernel", 2, "padding", "same")),
                        PluginRef.of("tanh"), null),
                layer("avg-pool", Map.of("size", 3, "stride", 1, "padding", 1)),
                layer("flatten", Map.of()),
                new LayerSpec(new PluginRef("dense", Map.of("units", 8)), PluginRef.of("relu"), null)),
                new LayerSpec(new PluginRef("dense", Map.of("units", 3)), PluginRef.of("softmax"), null), "cross-entropy");
        TrainPlan plan = new TrainPlan(4, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(),
                List.of(), List.of());
        TensileModel model = new TensileTrainer(spec, plan, REGISTRY, new NetworkBuilder(REGISTRY, GemmProvider.get()),
                Scaling.Kind.MIN_MAX).fit(images(96, 3), null, Map.of());
        Path file = dir.resolve("cnn.onnx");
        OnnxFiles.save(model, file);

        // fresh images, some pixels beyond the training range (the Clip of min-max scaling)
        MutableDataset<Label> test = images(40, 99);
        String[] names = featureNames();
        float[][] rows = new float[test.size()][names.length];
        List<Example<Label>> examples = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            double[] v = new double[names.length];
            for (int j = 0; j < names.length; j++) {
                v[j] = test.getExample(i).lookup(names[j]).getValue() * (j % 7 == 0 ? 1.3 : 1) - (j % 11 == 0 ? 20 : 0);
                rows[i][j] = (float) v[j];
            }
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, v));
        }
        float[][] outputs;
        try (OrtSession session = ORT.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(ORT, rows);
             OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, t))) {
            assertThat(session.getMetadata().getCustomMetadata().get("tensile.features").split("\n"))
                    .containsExactly(names);
            outputs = (float[][]) r.get(OnnxExport.OUTPUT).orElseThrow().getValue();
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        for (int i = 0; i < rows.length; i++) {
            Map<String, Label> scores = predictions.get(i).getOutputScores();
            for (int j = 0; j < 3; j++) {
                String label = model.getOutputIDInfo().getOutput(j).getLabel();
                assertThat((double) outputs[i][j]).as("image %d, class %s", i, label)
                        .isCloseTo(scores.get(label).getScore(), within(TOLERANCE));
            }
        }
    }
}
