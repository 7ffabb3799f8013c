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
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

/** Tribuo's k-fold cross-validation of a classifier or a regressor, its per-fold log lines kept quiet, and a report of the folds. */
public final class CrossValidations {
    private CrossValidations() {
    }

    /** One evaluation per fold, each of a fresh model {@code trainer} trains on the other folds. */
    public static List<LabelEvaluation> classification(Trainer<Label> trainer, Dataset<Label> data, int folds, long seed) {
        return run(trainer, data, new LabelEvaluator(), folds, seed);
    }

    /** As {@link #classification}, for a regressor: Tribuo's RMSE, MAE and R² per fold. */
    public static List<RegressionEvaluation> regression(Trainer<Regressor> trainer, Dataset<Regressor> data, int folds,
                                                        long seed) {
        return run(trainer, data, new RegressionEvaluator(), folds, seed);
    }

    private static <T extends org.tribuo.Output<T>, E extends org.tribuo.evaluation.Evaluation<T>> List<E> run(
            Trainer<T> trainer, Dataset<T> data, org.tribuo.evaluation.Evaluator<T, E> evaluator, int folds, long seed) {
        Logger log = Logger.getLogger(CrossValidation.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.WARNING);
        List<E> results = new ArrayList<>();
        try {
            for (var fold : new CrossValidation<>(trainer, data, evaluator, folds, seed).evaluate()) {
                results.add(fold.getA());
            }
        } finally {
            log.setLevel(level);
        }
        return results;
    }

    /** One line per fold (RMSE, MAE, R² averaged over the outputs), then the mean RMSE with its deviation. */
    public static String regressionReport(List<RegressionEvaluation> folds) {
        StringBuilder sb = new StringBuilder();
        double[] rmse = new double[folds.size()];
        for (int i = 0; i < folds.size(); i++) {
            RegressionEvaluation e = folds.get(i);
            rmse[i] = e.averageRMSE();
            sb.append(String.format("fold %d: RMSE %.4g, MAE %.4g, R² %.4f on %d examples%n", i + 1, e.averageRMSE(),
                    e.averageMAE(), e.averageR2(), e.getPredictions().size()));
        }
        double[] ms = meanAndDeviation(rmse);
        sb.append(String.format("cross-validation (%d folds): RMSE %.4g +- %.4g (sample deviation over folds)%n",
                folds.size(), ms[0], ms[1]));
        return sb.toString();
    }

    /** Mean and sample standard deviation. */
    private static double[] meanAndDeviation(double[] v) {
        double sum = 0;
        double sq = 0;
        for (double x : v) {
            sum += x;
            sq += x * x;
        }
        int k = v.length;
        double mean = sum / k;
        return new double[] {mean, Math.sqrt(Math.max(0, (sq - k * mean * mean) / (k - 1)))};
    }

    /** One line per fold, then the mean accuracy with its sample standard deviation over the folds. */
    public static String report(List<LabelEvaluation> folds) {
        StringBuilder sb = new StringBuilder();
        double[] accuracy = new double[folds.size()];
        for (int i = 0; i < folds.size(); i++) {
            accuracy[i] = folds.get(i).accuracy();
            sb.append(String.format("fold %d: accuracy %.4f on %d examples%n", i + 1, accuracy[i],
                    folds.get(i).getPredictions().size()));
        }
        double[] ms = meanAndDeviation(accuracy);
        sb.append(String.format("cross-validation (%d folds): accuracy %.4f +- %.4f (sample deviation over folds)%n",
                folds.size(), ms[0], ms[1]));
        return sb.toString();
    }
}
