package dev.tensile.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import dev.tensile.data.Scaling;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Rng;
import dev.tensile.train.TrainPlan;

/**
 * A trained model survives Java serialization (what Tribuo and Spark do with a {@code Model}): the object read back
 * predicts bit for bit what the written one did, for a classifier, a regressor and a small convolutional network
 * with batch-norm (whose running statistics are state, not parameters), and keeps its name, provenance and maps.
 */
class SerializationTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();
    private static final NetworkBuilder BUILDER = new NetworkBuilder(REGISTRY, GemmProvider.get());
    /** What a service reading models would allow (Tribuo's advice: an allow-list filter), and nothing else. */
    private static final ObjectInputFilter ALLOW = ObjectInputFilter.Config.createFilter(
            "java.base/*;org.tribuo.**;com.oracle.labs.mlrg.olcut.**;dev.tensile.**;!*");

    private static LayerSpec layer(String name, Map<String, Object> params, String activation) {
        return new LayerSpec(new PluginRef(name, params), activation == null ? null : PluginRef.of(activation), null);
    }

    private static TrainPlan plan(int epochs) {
        return new TrainPlan(epochs, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(), List.of(),
                List.of());
    }

    private static byte[] write(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ALLOW);
            return in.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends org.tribuo.Output<T>> Model<T> roundTrip(Model<T> model) throws Exception {
        return (Model<T>) read(write(model));
    }

    /** Two classes told apart by x, with a third, useless feature; z-scored, with dropout. */
    private static MutableDataset<Label> blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", f), f);
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            d.add(new ArrayExample<>(new Label(c == 0 ? "left" : "right"), new String[] {"x", "y", "z"},
                    new double[] {c + 0.4 * rng.gaussian(), 5 + rng.gaussian(), -3 + 2 * rng.gaussian()}));
        }
        return d;
    }

    /** Each class score's bits, and the predicted label, must be the same. */
    private static void assertSameLabels(Model<Label> a, Model<Label> b, MutableDataset<Label> data) {
        List<Prediction<Label>> pa = a.predict(data);
        List<Prediction<Label>> pb = b.predict(data);
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pb.get(i).getOutput().getLabel()).isEqualTo(pa.get(i).getOutput().getLabel());
            for (Map.Entry<String, Label> s : pa.get(i).getOutputScores().entrySet()) {
                assertThat(Double.doubleToRawLongBits(pb.get(i).getOutputScores().get(s.getKey()).getScore()))
                        .as("example %d, class %s", i, s.getKey())
                        .isEqualTo(Double.doubleToRawLongBits(s.getValue().getScore()));
            }
        }
    }

    @Test
    void aClassifierPredictsBitForBitAfterARoundTrip() throws Exception {
        ModelSpec spec = new ModelSpec(3, List.of(layer("dense", Map.of("units", 16), "tanh"),
                layer("dropout", Map.of("rate", 0.2), null)), layer("dense", Map.of("units", 2), "softmax"),
                "cross-entropy");
        // the gradient monitor's samples are part of the model's history (what a report shows)
        TrainPlan monitored = new TrainPlan(15, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(),
                List.of(new PluginRef("gradient-monitor", Map.of("every", 20))), List.of());
        TensileModel model = new TensileTrainer(spec, monitored, REGISTRY, BUILDER, Scaling.Kind.Z_SCORE)
                .train(blobs(200, 1));
        assertThat(model.history().observations().samples()).isNotEmpty();
        Model<Label> back = roundTrip(model);

        assertThat(back).isInstanceOf(TensileModel.class).isNotSameAs(model);
        assertThat(back.validate(Label.class)).isTrue(); // Tribuo's check after reading a model from a stream
        assertSameLabels(model, back, blobs(300, 2));
        assertThat(back.getName()).isEqualTo(model.getName());
        assertThat(back.getProvenance()).isEqualTo(model.getProvenance());
        assertThat(back.getFeatureIDMap().size()).isEqualTo(model.getFeatureIDMap().size());
        assertThat(back.getOutputIDInfo().getDomain()).isEqualTo(model.getOutputIDInfo().getDomain());
        TensileModel t = (TensileModel) back;
        assertThat(t.spec()).isEqualTo(spec);
        assertThat(t.scaling().kind()).isEqualTo(Scaling.Kind.Z_SCORE);
        assertThat(t.history().epochs()).isEqualTo(model.history().epochs());
        assertThat(t.history().observations().samples()).isEqualTo(model.history().observations().samples());
        assertThat(t.pluginUses()).isEqualTo(model.pluginUses());
        assertThat(t.trainingState()).as("like a loaded model file, no state to continue from").isNull();
        // read twice: two independent models (each with its own buffers)
        Model<Label> again = roundTrip(back);
        assertSameLabels(back, again, blobs(50, 3));
    }

    @Test
    void aRegressorPredictsBitForBitAfterARoundTrip() throws Exception {
        Rng rng = new Rng(4);
        OutputFactory<Regressor> f = new RegressionFactory();
        MutableDataset<Regressor> d = new MutableDataset<>(new SimpleDataSourceProvenance("plane", f), f);
        for (int i = 0; i < 200; i++) {
            double a = rng.uniform(-1, 1);
            double b = rng.uniform(-1, 1);
            d.add(new ArrayExample<>(new Regressor("y", 2 * a - 3 * b + 1), new String[] {"a", "b"}, new double[] {a, b}));
        }
        ModelSpec spec = new ModelSpec(2, List.of(layer("dense", Map.of("units", 8), "relu")),
                layer("dense", Map.of("units", 1), "identity"), "mse");
        TensileRegressionModel model = new TensileRegressionTrainer(spec, plan(10), REGISTRY, BUILDER,
                Scaling.Kind.MIN_MAX).train(d);
        Model<Regressor> back = roundTrip(model);

        assertThat(back).isInstanceOf(TensileRegressionModel.class);
        assertThat(back.validate(Regressor.class)).isTrue();
        assertThat(((TensileRegressionModel) back).outputNames()).containsExactly("y");
        List<Prediction<Regressor>> pa = model.predict(d);
        List<Prediction<Regressor>> pb = back.predict(d);
        for (int i = 0; i < pa.size(); i++) {
            assertThat(Double.doubleToRawLongBits(pb.get(i).getOutput().getValues()[0]))
                    .isEqualTo(Double.doubleToRawLongBits(pa.get(i).getOutput().getValues()[0]));
        }
    }

    /** 6x6 one-channel images: the bright half is the top or the bottom. */
    private static MutableDataset<Label> images(int n, long seed) {
        Rng rng = new Rng(seed);
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("halves", f), f);
        String[] names = new String[36];
        for (int i = 0; i < 36; i++) {
            names[i] = Integer.toString(i);
        }
        for (int e = 0; e < n; e++) {
            boolean top = e % 2 == 0;
            double[] v = new double[36];
            for (int i = 0; i < 36; i++) {
                v[i] = ((i / 6 < 3) == top ? 1 : 0) + 0.3 * rng.gaussian();
            }
            d.add(new ArrayExample<>(new Label(top ? "top" : "bottom"), names, v));
        }
        return d;
    }

    @Test
    void aConvolutionalModelWithBatchNormPredictsBitForBitAfterARoundTripAndAfterCopy() throws Exception {
        ModelSpec spec = new ModelSpec(Shape.of(6, 6, 1), List.of(
                layer("conv2d", Map.of("filters", 4, "kernel", 3, "padding", "same"), "relu"),
                layer("batch-norm", Map.of(), null),
                layer("pool", Map.of("type", "max", "size", 2), null),
                layer("flatten", Map.of(), null)), layer("dense", Map.of("units", 2), "softmax"), "cross-entropy");
        TensileModel model = new TensileTrainer(spec, plan(4), REGISTRY, BUILDER).train(images(64, 5));
        Model<Label> back = roundTrip(model);

        assertSameLabels(model, back, images(40, 6));
        // Tribuo's copy keeps every array, the running statistics included
        assertSameLabels(model, model.copy(), images(40, 6));
    }

    @Test
    void aModelWhosePluginThisJvmLacksFailsToReadWithOneLineNamingIt() throws Exception {
        PluginRegistry own = PluginRegistry.discover();
        Activation tanh = own.get(Activation.class, "tanh");
        own.registerScriptPlugin(new Activation() {
            @Override
            public String name() {
                return "session-tanh";
            }

            @Override
            public String description() {
                return "tanh under another name, known to one registry only";
            }

            @Override
            public Function create(Params params) {
                return tanh.create(params);
            }
        });
        ModelSpec spec = new ModelSpec(3, List.of(layer("dense", Map.of("units", 4), "session-tanh")),
                layer("dense", Map.of("units", 2), "softmax"), "cross-entropy");
        TensileModel model = new TensileTrainer(spec, plan(1), own, new NetworkBuilder(own, GemmProvider.get()))
                .train(blobs(20, 1));
        byte[] bytes = write(model);

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(InvalidObjectException.class)
                .hasMessage("the deserialised Tensile model needs the activation plugin 'session-tanh', which this JVM"
                        + " does not have: put the jar that provides it on the class path or in a plugin folder"
                        + " (TENSILE_PLUGINS or ~/.tensile/plugins); a plugin defined in a script exists only in that"
                        + " script's session");
    }

    @Test
    void theStreamHoldsTheSerialFormNotTheModelClass() throws Exception {
        // NetworkModel.readObject refuses a stream naming the model class directly, which would give a model without
        // its network (the NullPointerException this form ends); so the model class must never be written.
        TensileModel model = new TensileTrainer(new ModelSpec(3, List.of(), layer("dense", Map.of("units", 2), "softmax"),
                "cross-entropy"), plan(1), REGISTRY, BUILDER).train(blobs(20, 1));
        String stream = new String(write(model), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(stream).contains(classDescriptor(SerialForm.class))
                .doesNotContain(classDescriptor(TensileModel.class), classDescriptor(NetworkModel.class));
    }

    /** How a stream introduces a class: TC_CLASSDESC, then the name's length in two bytes and the name. */
    private static String classDescriptor(Class<?> type) {
        String name = type.getName();
        return "" + (char) 0x72 + (char) (name.length() >> 8) + (char) (name.length() & 0xff) + name;
    }
}
