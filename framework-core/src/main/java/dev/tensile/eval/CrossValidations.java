package dev.tensile.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.CrossValidation;

/** Tribuo's k-fold cross-validation, with its per-fold log lines kept quiet, and a report of the folds. */
public final class CrossValidations {
    private CrossValidations() {
    }

    /** One evaluation per fold, each of a fresh model {@code trainer} trains on the other folds. */
    public static List<LabelEvaluation> classification(Trainer<Label> trainer, Dataset<Label> data, int folds, long seed) {
        Logger log = Logger.getLogger(CrossValidation.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.WARNING);
        List<LabelEvaluation> results = new ArrayList<>();
        try {
            for (var fold : new CrossValidation<>(trainer, data, new LabelEvaluator(), folds, seed).evaluate()) {
                results.add(fold.getA());
            }
        } finally {
            log.setLevel(level);
        }
        return results;
    }

    /** One line per fold, then the mean accuracy with its sample standard deviation over the folds. */
    public static String report(List<LabelEvaluation> folds) {
        StringBuilder sb = new StringBuilder();
        double sum = 0;
        double sq = 0;
        int k = folds.size();
        for (int i = 0; i < k; i++) {
            double a = folds.get(i).accuracy();
            sum += a;
            sq += a * a;
            sb.append(String.format("fold %d: accuracy %.4f on %d examples%n", i + 1, a, folds.get(i).getPredictions().size()));
        }
        double mean = sum / k;
        double sd = Math.sqrt(Math.max(0, (sq - k * mean * mean) / (k - 1)));
        sb.append(String.format("cross-validation (%d folds): accuracy %.4f +- %.4f (sample deviation over folds)%n", k, mean, sd));
        return sb.toString();
    }
}
