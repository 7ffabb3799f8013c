package dev.tensile.eval;

import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;

/** Evaluation is Tribuo's: this only runs its evaluator and formats what it says. */
public final class Evaluations {
    private Evaluations() {
    }

    public static LabelEvaluation classification(Model<Label> model, Dataset<Label> data) {
        return new LabelEvaluator().evaluate(model, data);
    }

    /** Accuracy, per-class precision, recall and F1, then the confusion matrix, as Tribuo formats them. */
    public static String report(LabelEvaluation evaluation) {
        return evaluation.toString() + System.lineSeparator()
                + "Confusion matrix (rows: true label, columns: predicted)" + System.lineSeparator()
                + evaluation.getConfusionMatrix().toString();
    }
}
