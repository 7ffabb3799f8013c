package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import dev.tensile.tribuo.TensileModel;

/** {@code predict(x: 0.1, y: -0.3)}: one example from feature values by name, through a trained model. */
final class Predictions {
    private Predictions() {
    }

    /** Features the model never saw, and values that are not finite numbers, are an error. */
    static Prediction predict(TensileModel model, Map<String, Object> features) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Map.Entry<String, Object> e : features.entrySet()) {
            if (model.getFeatureIDMap().getID(e.getKey()) < 0) {
                throw new DslException("predict: the model has no feature '" + e.getKey() + "'");
            }
            if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new DslException("predict: feature '" + e.getKey() + "' must be a finite number, got " + e.getValue());
            }
            names.add(e.getKey());
            values.add(((Number) e.getValue()).doubleValue());
        }
        ArrayExample<Label> ex = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names.toArray(String[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
        org.tribuo.Prediction<Label> p = model.predict(ex);
        Map<String, Double> probs = new LinkedHashMap<>();
        p.getOutputScores().forEach((k, v) -> probs.put(k, v.getScore()));
        return new Prediction(p.getOutput().getLabel(), p.getOutput().getScore(), probs);
    }
}
