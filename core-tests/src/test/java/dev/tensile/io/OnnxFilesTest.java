package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.nio.file.Files;
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
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.data.Scaling;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.onnx.OnnxExport;
import dev.tensile.testing.Specs;
import dev.tensile.spi.Activation;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.PluginKind;
import dev.tensile.tensor.Rng;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * Exported models run in ONNX Runtime (the reference implementation, test scope only) and give what {@code predict}
 * gives, within 1e-5: for every built-in activation, each scaling (raw features in), and the spirals.
 */
class OnnxFilesTest {
    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    /** input 3 (c, x, y as ScaledModelFilesTest has them), dense 16 act, dropout, dense 8 act, softmax 3. */
    private static ModelSpec spec(PluginRef activation) {
        return new ModelSpec(3, List.of(Specs.dense(16, activation, null),
                Specs.dropout(0.1),
                Specs.dense(8, activation, null)),
                Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");
    }

    private static TensileModel trained(ModelSpec spec, Scaling.Kind scaling, MutableDataset<Label> train, int epochs) {
        TrainPlan plan = new TrainPlan(epochs, 16, 5, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(),
                List.of(), List.of());
        return new TensileTrainer(spec, plan, Fixtures.REGISTRY, Fixtures.BUILDER, scaling).fit(train, null, Map.of());
    }

    /** Raw rows near the training data's ranges (x around 1000, y around -20) and beyond them. */
    private static float[][] randomRows(int n, long seed) {
        Rng rng = new Rng(seed);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {(float) (4 + rng.gaussian()), (float) (1000 + 600 * rng.gaussian()),
                    (float) (-20 + 0.02 * rng.gaussian())};
        }
        return rows;
    }

    /** Runs the exported file on {@code rows} and checks every probability against {@code model.predict}. */
    private static void assertSamePredictions(TensileModel model, Path onnx, String[] features, float[][] rows)
            throws Exception {
        float[][] outputs;
        try (OrtSession session = ORT.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            FloatBuffer in = FloatBuffer.allocate(rows.length * features.length);
            for (float[] r : rows) {
                in.put(r);
            }
            in.flip();
            try (OnnxTensor t = OnnxTensor.createTensor(ORT, in, new long[] {rows.length, features.length});
                 OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, t))) {
                outputs = (float[][]) r.get(OnnxExport.OUTPUT).orElseThrow().getValue();
            }
        }
        List<Example<Label>> examples = new ArrayList<>();
        for (float[] r : rows) {
            double[] v = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                v[j] = r[j];
            }
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, features, v));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        for (int i = 0; i < rows.length; i++) {
            Map<String, Label> scores = predictions.get(i).getOutputScores();
            for (int j = 0; j < outputs[i].length; j++) {
                String label = model.getOutputIDInfo().getOutput(j).getLabel();
                assertThat((double) outputs[i][j]).as("row %d, class %s", i, label)
                        .isCloseTo(scores.get(label).getScore(), org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
    }

    @Test
    void everyBuiltInActivationExportsAndMatchesPredict() throws Exception {
        MutableDataset<Label> train = ScaledModelFilesTest.data(150, 1, false);
        List<PluginRef> activations = new ArrayList<>();
        for (var e : Fixtures.REGISTRY.entries()) {
            if (e.kind() == PluginKind.ACTIVATION && e.source().equals("built-in")) {
                activations.add(PluginRef.of(e.name()));
            }
        }
        assertThat(activations).extracting(PluginRef::name).contains("relu", "tanh", "sigmoid", "identity",
                "softmax", "elu", "leaky-relu", "softplus", "silu", "gelu");
        activations.add(new PluginRef("gelu", Map.of("approximate", "tanh")));
        activations.add(new PluginRef("elu", Map.of("alpha", 0.5)));
        activations.add(new PluginRef("leaky-relu", Map.of("alpha", 0.2)));
        for (PluginRef act : activations) {
            TensileModel model = trained(spec(act), Scaling.Kind.Z_SCORE, train, 3);
            Path file = dir.resolve(act.name() + ".onnx");
            OnnxFiles.save(model, file);
            assertSamePredictions(model, file, new String[] {"c", "x", "y"}, randomRows(200, act.hashCode()));
        }
    }

    @Test
    void everyScalingIsFoldedInSoTheGraphTakesRawFeatures() throws Exception {
        // c is constant in training (scaled to 0 whatever it is later), x and y far from unit scale
        MutableDataset<Label> train = ScaledModelFilesTest.data(150, 1, false);
        for (Scaling.Kind kind : Scaling.Kind.values()) {
            TensileModel model = trained(spec(PluginRef.of("relu")), kind, train, 4);
            Path file = dir.resolve(kind.label() + ".onnx");
            OnnxFiles.save(model, file);
            assertSamePredictions(model, file, new String[] {"c", "x", "y"}, randomRows(300, 11));
        }
    }

    @Test
    void theSpiralsModelGivesPredictsProbabilitiesOnEveryPoint() throws Exception {
        Path csv = Path.of("..", "examples", "data", "spirals.csv");
        MutableDataset<Label> spirals = new MutableDataset<>(new CSVLoader<>(new LabelFactory()).loadDataSource(csv, "arm"));
        ModelSpec quickstart = new ModelSpec(2, List.of(Specs.dense(64, PluginRef.of("relu"), null),
                Specs.dense(64, PluginRef.of("relu"), null)),
                Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");
        TensileModel model = trained(quickstart, Scaling.Kind.MIN_MAX, spirals, 30);
        Path file = dir.resolve("spirals.onnx");
        OnnxFiles.save(model, file);
        String[] features = new String[model.getFeatureIDMap().size()];
        for (int j = 0; j < features.length; j++) {
            features[j] = model.getFeatureIDMap().get(j).getName();
        }
        float[][] rows = new float[spirals.size()][];
        for (int i = 0; i < spirals.size(); i++) {
            Example<Label> ex = spirals.getExample(i);
            rows[i] = new float[features.length];
            for (int j = 0; j < features.length; j++) {
                rows[i][j] = (float) ex.lookup(features[j]).getValue();
            }
        }
        assertSamePredictions(model, file, features, rows);
    }

    @Test
    void sigmoidOutputsAndRegressionExportTheirOwnPredictions() throws Exception {
        // binary cross-entropy: the output is sigmoid per class, fused in training, a Sigmoid node in the graph
        ModelSpec bce = new ModelSpec(3, List.of(Specs.dense(8, PluginRef.of("relu"), null)),
                Specs.dense(3, PluginRef.of("sigmoid"), null), "binary-cross-entropy");
        TensileModel model = trained(bce, Scaling.Kind.Z_SCORE, ScaledModelFilesTest.data(90, 4, false), 3);
        Path file = dir.resolve("bce.onnx");
        OnnxFiles.save(model, file);
        assertSamePredictions(model, file, new String[] {"c", "x", "y"}, randomRows(100, 5));

        // regression: mse after an identity output, the values themselves
        org.tribuo.regression.RegressionFactory f = new org.tribuo.regression.RegressionFactory();
        MutableDataset<org.tribuo.regression.Regressor> data = new MutableDataset<>(
                new org.tribuo.provenance.SimpleDataSourceProvenance("a plane", f), f);
        Rng rng = new Rng(3);
        for (int i = 0; i < 80; i++) {
            double a = 50 + 10 * rng.gaussian();
            double b = rng.gaussian();
            data.add(new ArrayExample<>(new org.tribuo.regression.Regressor("y", 0.1 * a - 2 * b), new String[] {"a", "b"},
                    new double[] {a, b}));
        }
        ModelSpec mse = new ModelSpec(2, List.of(Specs.dense(8, PluginRef.of("tanh"), null)),
                Specs.dense(1, PluginRef.of("identity"), null), "mse");
        var regression = new dev.tensile.tribuo.TensileRegressionTrainer(mse, new TrainPlan(5, 16, 5,
                new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(), List.of(), List.of()), Fixtures.REGISTRY,
                Fixtures.BUILDER, Scaling.Kind.MIN_MAX).fit(data, null, Map.of());
        Path reg = dir.resolve("regression.onnx");
        OnnxFiles.save(regression, reg);
        float[][] rows = {{50, 0}, {35, 1.5f}, {80, -3}, {51.25f, 0.5f}};
        float[][] out;
        try (OrtSession session = ORT.createSession(reg.toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(ORT, rows);
             OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, t))) {
            out = (float[][]) r.get(0).getValue();
        }
        for (int i = 0; i < rows.length; i++) {
            double expected = regression.predict(new ArrayExample<>(new org.tribuo.regression.Regressor("y", Double.NaN),
                    new String[] {"a", "b"}, new double[] {rows[i][0], rows[i][1]})).getOutput().getValues()[0];
            assertThat((double) out[i][0]).as("row %d", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    @Test
    void theFileStatesOpsetIrVersionNamesAndTribuoProvenance() throws Exception {
        TensileModel model = trained(spec(PluginRef.of("tanh")), Scaling.Kind.Z_SCORE, ScaledModelFilesTest.data(60, 3, false), 1);
        Path file = dir.resolve("m.onnx");
        OnnxFiles.save(model, file);
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        assertThat(proto.getIrVersion()).isEqualTo(7);
        assertThat(proto.getOpsetImportList()).singleElement()
                .satisfies(o -> assertThat(o.getVersion()).isEqualTo(OnnxOps.OPSET).isEqualTo(13))
                .satisfies(o -> assertThat(o.getDomain()).isEmpty());
        assertThat(proto.getProducerName()).isEqualTo("Tensile");
        try (OrtSession session = ORT.createSession(file.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta.get("tensile.features")).isEqualTo("c\nx\ny");
            assertThat(meta.get("tensile.outputs").lines()).hasSize(3);
            assertThat(meta.get("tensile.scaling")).isEqualTo("z-score");
            ModelProvenance back = (ModelProvenance) ONNXExportable.SERIALIZER.deserializeAndUnmarshal(
                    meta.get(ONNXExportable.PROVENANCE_METADATA_FIELD));
            assertThat(back).isEqualTo(model.getProvenance());
            assertThat(session.getInputNames()).containsExactly(OnnxExport.INPUT);
        }
        // Tribuo's own entry point writes the same graph
        Path viaTribuo = dir.resolve("tribuo.onnx");
        model.saveONNXModel("dev.tensile", 1, viaTribuo);
        assertSamePredictions(model, viaTribuo, new String[] {"c", "x", "y"}, randomRows(20, 3));
    }

    @Test
    void anActivationWithoutOnnxNodesIsNamedAndNothingIsWritten() {
        Activation plain = new Activation() {
            @Override
            public String name() {
                return "cube";
            }

            @Override
            public String description() {
                return "z^3, with no ONNX form";
            }

            @Override
            public Function create(dev.tensile.spi.Params params) {
                return new Function() {
                    @Override
                    public void forward(dev.tensile.tensor.Matrix z, dev.tensile.tensor.Matrix a) {
                        float[] x = z.data();
                        for (int i = 0; i < x.length; i++) {
                            a.data()[i] = x[i] * x[i] * x[i];
                        }
                    }

                    @Override
                    public void backward(dev.tensile.tensor.Matrix z, dev.tensile.tensor.Matrix a,
                                         dev.tensile.tensor.Matrix gradA, dev.tensile.tensor.Matrix gradZ) {
                        for (int i = 0; i < gradZ.data().length; i++) {
                            gradZ.data()[i] = 3 * z.data()[i] * z.data()[i] * gradA.data()[i];
                        }
                    }
                };
            }
        };
        var registry = dev.tensile.plugin.PluginRegistry.discover();
        registry.registerScriptPlugin(plain);
        TensileModel model = new TensileTrainer(spec(PluginRef.of("cube")), new TrainPlan(1, 16, 5,
                new PluginRef("sgd", Map.of("lr", 1e-4)), List.of(), List.of(), List.of(), List.of()), registry,
                new dev.tensile.nn.NetworkBuilder(registry, dev.tensile.kernel.GemmProvider.get()), Scaling.Kind.Z_SCORE)
                .fit(ScaledModelFilesTest.data(40, 1, false), null, Map.of());
        Path file = dir.resolve("cube.onnx");
        assertThatThrownBy(() -> OnnxFiles.save(model, file))
                .isInstanceOf(dev.tensile.onnx.OnnxExportException.class)
                .hasMessageStartingWith("cannot export to ONNX: cube (stage 2 of 6) writes no ONNX nodes");
        assertThat(file).doesNotExist();
    }
}
