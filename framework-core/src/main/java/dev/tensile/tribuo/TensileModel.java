package dev.tensile.tribuo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.oracle.labs.mlrg.olcut.util.Pair;

import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.data.TribuoData;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.History;
import dev.tensile.train.Metrics;

/**
 * A trained Tensile network as a Tribuo {@code Model<Label>}: predictions carry the softmax probability of every
 * class. Predicting is batched and synchronized, because the network reuses its buffers.
 */
public final class TensileModel extends Model<Label> {
    private static final long serialVersionUID = 1L;
    private static final int PREDICT_BATCH = 256;

    private final transient ModelSpec spec;
    private final transient NetworkBuilder.Built built;
    private final transient NetworkBuilder builder;
    private final transient History history;

    TensileModel(String name, ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<Label> labels,
                 ModelSpec spec, NetworkBuilder.Built built, NetworkBuilder builder, History history) {
        super(name, provenance, features, labels, true);
        this.spec = spec;
        this.built = built;
        this.builder = builder;
        this.history = history;
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

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        return innerPredict(List.of(example)).get(0);
    }

    @Override
    protected synchronized List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
        List<Example<Label>> all = new ArrayList<>();
        examples.forEach(all::add);
        List<Prediction<Label>> out = new ArrayList<>(all.size());
        int width = featureIDMap.size();
        for (int from = 0; from < all.size(); from += PREDICT_BATCH) {
            int to = Math.min(all.size(), from + PREDICT_BATCH);
            Matrix x = new Matrix(to - from, width);
            for (int i = from; i < to; i++) {
                TribuoData.fillRow(all.get(i), featureIDMap, x.data(), (i - from) * width, i);
            }
            Matrix probs = built.network().predict(x);
            for (int i = from; i < to; i++) {
                out.add(prediction(all.get(i), probs, i - from));
            }
        }
        return out;
    }

    private Prediction<Label> prediction(Example<Label> example, Matrix probs, int row) {
        int classes = probs.cols();
        Map<String, Label> scores = new LinkedHashMap<>();
        for (int j = 0; j < classes; j++) {
            String name = outputIDInfo.getOutput(j).getLabel();
            scores.put(name, new Label(name, probs.get(row, j)));
        }
        int best = Metrics.argmax(probs.data(), row * classes, classes);
        Label top = scores.get(outputIDInfo.getOutput(best).getLabel());
        int used = 0;
        for (var f : example) {
            if (featureIDMap.getID(f.getName()) >= 0) {
                used++;
            }
        }
        return new Prediction<>(top, scores, used, example, true);
    }

    /** Feature importance is not defined for these networks; Tribuo's contract is an empty map then. */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Map.of();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected synchronized Model<Label> copy(String newName, ModelProvenance newProvenance) {
        NetworkBuilder.Built fresh = builder.build(spec, 0);
        List<Parameter> src = built.network().parameters();
        List<Parameter> dst = fresh.network().parameters();
        for (int i = 0; i < src.size(); i++) {
            dst.get(i).value().copyFrom(src.get(i).value());
        }
        return new TensileModel(newName, newProvenance, featureIDMap, outputIDInfo, spec, fresh, builder, history);
    }
}
