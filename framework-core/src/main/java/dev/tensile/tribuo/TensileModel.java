package dev.tensile.tribuo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.History;
import dev.tensile.train.Metrics;

/** A trained classification network as a Tribuo {@code Model<Label>}: predictions carry every class's probability. */
public final class TensileModel extends NetworkModel<Label> {
    private static final long serialVersionUID = 1L;

    TensileModel(String name, ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<Label> labels,
                 Parts parts) {
        super(name, provenance, features, labels, true, parts);
    }

    /**
     * A model whose network already holds its trained weights, as {@code dev.tensile.io} reads it from a file. The
     * feature layout follows from {@code features} and the declared input width; no scaling.
     */
    public static TensileModel restore(ModelProvenance provenance, ImmutableFeatureMap features,
                                       ImmutableOutputInfo<Label> labels, ModelSpec spec, NetworkBuilder.Built built,
                                       NetworkBuilder builder, History history) {
        return restore(provenance, features, labels, spec, built, builder, history, Scaling.none());
    }

    /** As above, with the feature scaling the model was trained with (fitted on its training data). */
    public static TensileModel restore(ModelProvenance provenance, ImmutableFeatureMap features,
                                       ImmutableOutputInfo<Label> labels, ModelSpec spec, NetworkBuilder.Built built,
                                       NetworkBuilder builder, History history, Scaling scaling) {
        FeatureLayout layout = FeatureLayout.forModel(features, spec.inputs());
        return new TensileModel("tensile", provenance, layout.featureMap(features), labels,
                new Parts(spec, built, builder, history, layout, scaling));
    }

    @Override
    public java.util.List<String> outputNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < outputIDInfo.size(); i++) {
            names.add(outputIDInfo.getOutput(i).getLabel());
        }
        return names;
    }

    @Override
    public boolean classifies() {
        return true;
    }

    @Override
    Prediction<Label> prediction(Example<Label> example, Matrix probs, int row, int used) {
        if (probs.cols() == 1) {
            // one sigmoid unit: the probability of the second class (id 1), the first has the rest
            double p = probs.get(row, 0);
            return prediction(example, new double[] {1 - p, p}, p > 0.5 ? 1 : 0, used);
        }
        int classes = probs.cols();
        double[] scores = new double[classes];
        for (int j = 0; j < classes; j++) {
            scores[j] = probs.get(row, j);
        }
        return prediction(example, scores, Metrics.argmax(probs.data(), row * classes, classes), used);
    }

    private Prediction<Label> prediction(Example<Label> example, double[] probs, int best, int used) {
        Map<String, Label> scores = new LinkedHashMap<>();
        for (int j = 0; j < probs.length; j++) {
            String name = outputIDInfo.getOutput(j).getLabel();
            scores.put(name, new Label(name, probs[j]));
        }
        Label top = scores.get(outputIDInfo.getOutput(best).getLabel());
        return new Prediction<>(top, scores, used, example, true);
    }

    @Override
    TensileModel rebuild(String name, ModelProvenance provenance, Parts parts) {
        return new TensileModel(name, provenance, featureIDMap, outputIDInfo, parts);
    }
}
