package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import dev.tensile.tribuo.NetworkModel;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileRegressionModel;

/** {@code predict(x: 0.1, y: -0.3)}: one example from feature values by name, through a trained model. */
final class Predictions {
    private Predictions() {
    }

    /**
     * Features the model never saw, and values that are not finite numbers, are an error. A classifier's answer is a
     * {@link Prediction}; a regressor's is its number, or a map of numbers by output name when it has several.
     */
    static Object predict(NetworkModel<?> model, Map<String, Object> features, java.io.PrintStream out) {
        warnAboutMissing(model, features, out);
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
        String[] n = names.toArray(String[]::new);
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        if (model instanceof TensileRegressionModel regressor) {
            Regressor r = regressor.predict(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, n, v)).getOutput();
            if (r.size() == 1) {
                return r.getValues()[0];
            }
            Map<String, Double> byName = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                byName.put(r.getNames()[i], r.getValues()[i]);
            }
            return byName;
        }
        org.tribuo.Prediction<Label> p = ((TensileModel) model).predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, n, v));
        Map<String, Double> probs = new LinkedHashMap<>();
        p.getOutputScores().forEach((k, score) -> probs.put(k, score.getScore()));
        return new Prediction(p.getOutput().getLabel(), p.getOutput().getScore(), probs);
    }

    /**
     * A model of named features (a CSV's columns) reads a feature that is not given as 0, which is rarely what was
     * meant: say which, so that a typo or a forgotten column does not pass silently. Indexed inputs (pixels, LibSVM
     * indices) are sparse by nature, so their missing features are zeros on purpose and go unmentioned.
     */
    private static void warnAboutMissing(NetworkModel<?> model, Map<String, Object> features, java.io.PrintStream out) {
        dev.tensile.data.FeatureLayout layout = model.layout();
        if (layout.isIndexed()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < layout.width(); c++) {
            if (!features.containsKey(layout.name(c))) {
                missing.add(layout.name(c));
            }
        }
        if (!missing.isEmpty()) {
            List<String> shown = missing.subList(0, Math.min(5, missing.size()));
            out.println(dev.tensile.Printable.escape("warning: predict: " + missing.size() + " of " + layout.width()
                    + " features not given, taken as 0: " + String.join(", ", shown)
                    + (missing.size() > shown.size() ? ", ..." : "")));
        }
    }
}
