package dev.tensile.tribuo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.tensor.Matrix;
import dev.tensile.train.Metrics;

/** A trained classification network as a Tribuo {@code Model<Label>}: predictions carry every class's probability. */
public final class TensileModel extends NetworkModel<Label> {
    private static final long serialVersionUID = 1L;

    TensileModel(String name, ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<Label> labels,
                 Parts parts) {
        super(name, provenance, features, labels, true, parts);
    }

    @Override
    Prediction<Label> prediction(Example<Label> example, Matrix probs, int row, int used) {
        int classes = probs.cols();
        Map<String, Label> scores = new LinkedHashMap<>();
        for (int j = 0; j < classes; j++) {
            String name = outputIDInfo.getOutput(j).getLabel();
            scores.put(name, new Label(name, probs.get(row, j)));
        }
        int best = Metrics.argmax(probs.data(), row * classes, classes);
        Label top = scores.get(outputIDInfo.getOutput(best).getLabel());
        return new Prediction<>(top, scores, used, example, true);
    }

    @Override
    TensileModel rebuild(String name, ModelProvenance provenance, Parts parts) {
        return new TensileModel(name, provenance, featureIDMap, outputIDInfo, parts);
    }
}
