package dev.tensile.tribuo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.oracle.labs.mlrg.olcut.util.Pair;

import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginUses;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.History;

/**
 * A trained Tensile network as a Tribuo {@code Model}. It carries its {@link FeatureLayout} (feature name to input
 * column) and the {@link Scaling} fitted on its training data, and applies both to every example it predicts, so
 * callers hand it raw examples exactly as the data source gives them. (A Tribuo {@code TransformedModel} wrapper
 * would do the scaling example by example on Tribuo's sparse objects, where the zeros left out of an IDX image
 * would escape z-scoring, and would hide this class's network and history behind the wrapper.) Predicting is
 * batched and synchronized, because the network reuses its buffers.
 */
public abstract class NetworkModel<T extends Output<T>> extends Model<T> implements ONNXExportable {
    private static final long serialVersionUID = 1L;
    private static final int PREDICT_BATCH = 256;

    // Java serialization writes a SerialForm instead of these fields (writeReplace), so none of them is written.
    private final transient ModelSpec spec;
    private final transient NetworkBuilder.Built built;
    private final transient NetworkBuilder builder;
    private final transient History history;
    private final transient FeatureLayout layout;
    private final transient Scaling scaling;
    private final transient List<PluginUses.Use> uses;
    /** Where training stopped, for continuing it; null for a model that was loaded rather than trained here. */
    transient dev.tensile.train.TrainingState trainingState;

    NetworkModel(String name, ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<T> outputs,
                 boolean probabilities, Parts parts) {
        super(name, provenance, features, outputs, probabilities);
        this.spec = parts.spec;
        this.built = parts.built;
        this.builder = parts.builder;
        this.history = parts.history;
        this.layout = parts.layout;
        this.scaling = parts.scaling;
        this.uses = List.copyOf(parts.uses);
    }

    /**
     * What a trained network is made of, passed from the trainer to the model in one piece; {@code uses} lists every
     * plugin the model and its training used ({@link PluginUses}).
     */
    record Parts(ModelSpec spec, NetworkBuilder.Built built, NetworkBuilder builder, History history,
                 FeatureLayout layout, Scaling scaling, List<PluginUses.Use> uses) {
        /** The parts of a model whose training is unknown: the plugins it uses are those of its network. */
        Parts(ModelSpec spec, NetworkBuilder.Built built, NetworkBuilder builder, History history,
              FeatureLayout layout, Scaling scaling) {
            this(spec, built, builder, history, layout, scaling, PluginUses.of(builder.plan(spec)));
        }

        Parts with(NetworkBuilder.Built fresh) {
            return new Parts(spec, fresh, builder, history, layout, scaling, uses);
        }
    }

    /** Where training stopped, for continuing it or writing a checkpoint; null for a model loaded from a model file. */
    public dev.tensile.train.TrainingState trainingState() {
        return trainingState;
    }

    /** Makes {@code state} (a checkpoint's) the point a continued run starts from. */
    public void resumeFrom(dev.tensile.train.TrainingState state) {
        this.trainingState = state;
    }

    public Network network() {
        return built.network();
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<NetworkBuilder.SummaryRow> summary() {
        return built.summary();
    }

    public History history() {
        return history;
    }

    /** Which input column each feature name goes to. */
    public FeatureLayout layout() {
        return layout;
    }

    /** The feature scaling fitted on the training data, applied before every prediction. */
    public Scaling scaling() {
        return scaling;
    }

    /**
     * Every plugin this model and the training that made it used, by kind and name, in order of first use: what its
     * model file and its provenance list.
     */
    public List<PluginUses.Use> pluginUses() {
        return uses;
    }

    Parts parts() {
        return new Parts(spec, built, builder, history, layout, scaling, uses);
    }

    /** Java serialization writes the model as a {@link SerialForm}, which rebuilds it through the plugin registry. */
    @java.io.Serial
    Object writeReplace() {
        synchronized (this) {
            return new SerialForm(this);
        }
    }

    /** Only a {@link SerialForm} makes these; a stream that claims to hold one directly was not written by Tensile. */
    @java.io.Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a Tensile model is read through its serial form");
    }

    @Override
    public Prediction<T> predict(Example<T> example) {
        return innerPredict(List.of(example)).get(0);
    }

    @Override
    protected synchronized List<Prediction<T>> innerPredict(Iterable<Example<T>> examples) {
        List<Example<T>> all = new ArrayList<>();
        examples.forEach(all::add);
        List<Prediction<T>> out = new ArrayList<>(all.size());
        int width = layout.width();
        for (int from = 0; from < all.size(); from += PREDICT_BATCH) {
            int to = Math.min(all.size(), from + PREDICT_BATCH);
            Matrix x = new Matrix(to - from, width);
            for (int i = from; i < to; i++) {
                layout.fill(all.get(i), x.data(), (i - from) * width, i);
            }
            scaling.apply(x);
            Matrix outputs = built.network().predict(x);
            for (int i = from; i < to; i++) {
                out.add(prediction(all.get(i), outputs, i - from, used(all.get(i))));
            }
        }
        return out;
    }

    private int used(Example<T> example) {
        int used = 0;
        for (Feature f : example) {
            if (layout.column(f.getName()) >= 0) {
                used++;
            }
        }
        return used;
    }

    /** The outputs' names in output-unit order: class labels, or a regressor's dimension names. */
    public abstract List<String> outputNames();

    /** True for a classifier (a {@code Model<Label>}), false for a regressor ({@code Model<Regressor>}). */
    public abstract boolean classifies();

    /**
     * A model whose network already holds its trained weights, as {@code dev.tensile.io} reads it from a file: a
     * classifier ({@link TensileModel}) or, when the network's loss is a regression loss, a
     * {@link TensileRegressionModel}; {@code outputs} names the classes or the regression dimensions in unit order;
     * {@code uses} lists the plugins the model and its training used (a model file records them).
     */
    public static NetworkModel<?> restore(ModelProvenance provenance, ImmutableFeatureMap features, List<String> outputs,
                                          ModelSpec spec, NetworkBuilder.Built built, NetworkBuilder builder,
                                          History history, Scaling scaling, List<PluginUses.Use> uses) {
        if (built.network().loss().classification()) {
            Map<org.tribuo.classification.Label, Integer> ids = new java.util.HashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                ids.put(new org.tribuo.classification.Label(outputs.get(i)), i);
            }
            FeatureLayout layout = FeatureLayout.forModel(features, spec.inputs());
            return new TensileModel("tensile", provenance, layout.featureMap(features),
                    new org.tribuo.classification.LabelFactory().constructInfoForExternalModel(ids),
                    new Parts(spec, built, builder, history, layout, scaling, uses));
        }
        return TensileRegressionModel.restored(provenance, features, outputs, new Parts(spec, built, builder, history,
                FeatureLayout.forModel(features, spec.inputs()), scaling, uses));
    }

    /** Row {@code row} of the network's predictions (probabilities, values) as Tribuo's prediction. */
    abstract Prediction<T> prediction(Example<T> example, Matrix outputs, int row, int used);

    /** The same kind of model around another network. */
    abstract NetworkModel<T> rebuild(String name, ModelProvenance provenance, Parts parts);

    /**
     * This network as an ONNX model (opset 13): raw features in, the fitted scaling as the first nodes, each layer's
     * own nodes, softmax (or sigmoid, or nothing for regression) out; the provenance, feature and output names in the
     * metadata. Throws {@link dev.tensile.onnx.OnnxExportException} naming a layer or activation that cannot export.
     */
    @Override
    public synchronized ai.onnx.proto.OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        metadata.put(PROVENANCE_METADATA_FIELD, serializeProvenance(getProvenance()));
        metadata.put("tensile.features", names(featureIDMap.size(), i -> featureIDMap.get(i).getName()));
        metadata.put("tensile.outputs", names(outputIDInfo.size(), i -> outputIDInfo.getOutput(i).getSerializableForm(false)));
        metadata.put("tensile.model", spec.toString());
        metadata.put("tensile.scaling", scaling.kind().label());
        return dev.tensile.onnx.OnnxExport.model(network(), scaling, new dev.tensile.onnx.OnnxExport.Description(domain,
                modelVersion, "Tensile network: " + spec, metadata));
    }

    @Override
    public synchronized org.tribuo.util.onnx.ONNXNode writeONNXGraph(org.tribuo.util.onnx.ONNXRef<?> input) {
        return dev.tensile.onnx.OnnxExport.graph(network(), scaling, input);
    }

    /** Names by index, one per line (names may hold commas). */
    private static String names(int n, java.util.function.IntFunction<String> name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "\n").append(name.apply(i));
        }
        return sb.toString();
    }

    /** Feature importance is not defined for these networks; Tribuo's contract is an empty map then. */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Map.of();
    }

    @Override
    public Optional<Excuse<T>> getExcuse(Example<T> example) {
        return Optional.empty();
    }

    @Override
    protected synchronized Model<T> copy(String newName, ModelProvenance newProvenance) {
        NetworkBuilder.Built fresh = builder.build(spec, 0);
        // every array, state included: a batch-norm layer's running statistics are part of what it predicts with
        List<Parameter> src = built.network().arrays();
        List<Parameter> dst = fresh.network().arrays();
        for (int i = 0; i < src.size(); i++) {
            dst.get(i).value().copyFrom(src.get(i).value());
        }
        return rebuild(newName, newProvenance, parts().with(fresh));
    }
}
