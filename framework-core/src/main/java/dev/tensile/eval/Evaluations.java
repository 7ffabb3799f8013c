package dev.tensile.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import dev.tensile.data.DataException;
import dev.tensile.data.TribuoData;
import dev.tensile.tribuo.NetworkModel;

/**
 * Evaluation is Tribuo's: this checks the data fits the model (features, labels), runs Tribuo's evaluator and
 * formats what it says.
 */
public final class Evaluations {
    private Evaluations() {
    }

    public static LabelEvaluation classification(Model<Label> model, Dataset<Label> data) {
        return classification(model, data, "the evaluation data");
    }

    /**
     * Tribuo's {@link LabelEvaluator} on {@code data}, after checking that every label in it was seen in training
     * and (for Tensile models) that its features fit the model's input.
     *
     * @param what how messages call the data, e.g. "the test set"
     */
    public static LabelEvaluation classification(Model<Label> model, Dataset<Label> data, String what) {
        checkFits(model, data, what);
        List<String> unseen = new ArrayList<>();
        for (Label l : data.getOutputInfo().getDomain()) {
            if (model.getOutputIDInfo().getID(l) < 0) {
                unseen.add(l.getLabel());
            }
        }
        if (!unseen.isEmpty()) {
            throw new DataException(what + " has label '" + unseen.get(0) + "', which the training data never had (labels: "
                    + TribuoData.labelNames(model.getOutputIDInfo()) + ")");
        }
        return new LabelEvaluator().evaluate(model, data);
    }

    /** Tribuo's {@link RegressionEvaluator}: RMSE, MAE and R² per dimension. */
    public static RegressionEvaluation regression(Model<Regressor> model, Dataset<Regressor> data, String what) {
        checkFits(model, data, what);
        return new RegressionEvaluator().evaluate(model, data);
    }

    /** The standard deviation of the regression targets, averaged over the outputs: the RMSE of predicting the mean. */
    public static double targetDeviation(Dataset<Regressor> data) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (org.tribuo.Example<Regressor> ex : data) {
            Regressor r = ex.getOutput();
            for (int i = 0; i < r.size(); i++) {
                double[] s = sums.computeIfAbsent(r.getNames()[i], k -> new double[3]);
                s[0]++;
                s[1] += r.getValues()[i];
                s[2] += r.getValues()[i] * r.getValues()[i];
            }
        }
        double total = 0;
        for (double[] s : sums.values()) {
            double mean = s[1] / s[0];
            total += Math.sqrt(Math.max(0, s[2] / s[0] - mean * mean));
        }
        return sums.isEmpty() ? 0 : total / sums.size();
    }

    /** The fraction misclassified, 1 - accuracy, as Tribuo's evaluator counts it. */
    public static double errorRate(Model<Label> model, Dataset<Label> data, String what) {
        return 1 - classification(model, data, what).accuracy();
    }

    /**
     * Error rates (1 - accuracy, Tribuo's evaluator, inference mode) on the sets that exist, by name: {@code train},
     * then {@code dev} and {@code test} unless null.
     */
    public static Map<String, Double> errorRates(Model<Label> model, Dataset<Label> train, Dataset<Label> dev,
                                                 Dataset<Label> test) {
        LabelEvaluator evaluator = new LabelEvaluator();
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("train", 1 - evaluator.evaluate(model, train).accuracy());
        if (dev != null) {
            rates.put("dev", 1 - evaluator.evaluate(model, dev).accuracy());
        }
        if (test != null) {
            rates.put("test", 1 - evaluator.evaluate(model, test).accuracy());
        }
        return rates;
    }

    private static void checkFits(Model<?> model, Dataset<?> data, String what) {
        if (data.size() == 0) {
            throw new DataException(what + " is empty");
        }
        if (model instanceof NetworkModel<?> nm) {
            nm.layout().check(data, what);
        }
    }

    /** Accuracy, per-class precision, recall and F1, then the confusion matrix, as Tribuo formats them. */
    public static String report(LabelEvaluation evaluation) {
        return evaluation.toString() + System.lineSeparator()
                + "Confusion matrix (rows: true label, columns: predicted)" + System.lineSeparator()
                + evaluation.getConfusionMatrix().toString();
    }

    /** RMSE, MAE and R² per dimension, as Tribuo formats them. */
    public static String report(RegressionEvaluation evaluation) {
        return evaluation.toString();
    }
}
