package dev.tensile.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Bias and variance from three error rates, after the background text: avoidable bias is how far the training
 * error lies above human-level error (the best error one can hope for), variance is how far the dev error lies
 * above the training error. Overfitting is high variance, underfitting high bias.
 * <p>
 * A gap counts as a problem when it exceeds the {@code tolerance}, by default {@value #DEFAULT_TOLERANCE} (two
 * points of error rate: smaller gaps are within what a different seed or dev split moves; choose a smaller one for
 * large dev sets). When both gaps exceed it, the larger one is the dominant problem and its remedies come first.
 * Remedies: for high bias a bigger network, training longer, another architecture, less regularization; for high
 * variance more data, regularization (L2), dropout, augmentation, early stopping, and expressly NOT a bigger
 * network, which adds capacity to overfit with.
 *
 * <p>
 * For a regressor the errors are root-mean-square errors in the target's units ({@code unit} names the target),
 * not rates; the same gaps and remedies hold.
 *
 * @param humanError    human-level (or best achievable) error rate, in [0, 1]; or RMSE, at least 0
 * @param trainError    the model's error on the training set, in inference mode
 * @param devError      the model's error on the dev set
 * @param tolerance     the gap below which bias or variance is not a problem
 * @param unit          null for error rates; for RMSEs, what the target is (e.g. {@code 'y'}), for the report
 */
public record Diagnosis(double humanError, double trainError, double devError, double tolerance, String unit)
        implements java.io.Serializable {
    public static final double DEFAULT_TOLERANCE = 0.02;

    /** A diagnosis of error rates. */
    public Diagnosis(double humanError, double trainError, double devError, double tolerance) {
        this(humanError, trainError, devError, tolerance, null);
    }

    /** What is wrong, if anything. */
    public enum Problem {
        HIGH_BIAS("high bias (underfitting)"),
        HIGH_VARIANCE("high variance (overfitting)"),
        HIGH_BIAS_AND_VARIANCE("high bias and high variance"),
        NEITHER("neither high bias nor high variance");

        private final String text;

        Problem(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static final List<String> BIAS_REMEDIES = List.of(
            "a bigger network (more units or more layers)",
            "train longer (more epochs)",
            "another architecture",
            "less regularization (smaller L2 lambda, less dropout)");

    public static final List<String> VARIANCE_REMEDIES = List.of(
            "more training data",
            "regularization (e.g. regularizer 'l2')",
            "dropout",
            "data augmentation (e.g. augment 'gaussian-noise')",
            "early stopping (callback 'early-stopping')");

    public static final String NOT_BIGGER = "do NOT make the network bigger: more capacity means more to overfit with";

    public Diagnosis {
        check("humanError", humanError, unit);
        check("trainError", trainError, unit);
        check("devError", devError, unit);
        if (unit == null ? !(tolerance >= 0 && tolerance < 1) : !(tolerance >= 0 && Double.isFinite(tolerance))) {
            throw new IllegalArgumentException("tolerance must be " + (unit == null ? "in [0, 1)" : "a finite error, at least 0")
                    + ", got " + tolerance);
        }
    }

    public static Diagnosis of(double humanError, double trainError, double devError) {
        return new Diagnosis(humanError, trainError, devError, DEFAULT_TOLERANCE);
    }

    /** Training error minus human error (negative when the model beats the human-level figure). */
    public double avoidableBias() {
        return trainError - humanError;
    }

    /** Dev error minus training error. */
    public double variance() {
        return devError - trainError;
    }

    public boolean highBias() {
        return avoidableBias() > tolerance;
    }

    public boolean highVariance() {
        return variance() > tolerance;
    }

    public Problem problem() {
        if (highBias() && highVariance()) {
            return Problem.HIGH_BIAS_AND_VARIANCE;
        }
        return highBias() ? Problem.HIGH_BIAS : highVariance() ? Problem.HIGH_VARIANCE : Problem.NEITHER;
    }

    /** The larger of the two gaps; with both at or below the tolerance, NEITHER. */
    public Problem dominant() {
        Problem p = problem();
        if (p != Problem.HIGH_BIAS_AND_VARIANCE) {
            return p;
        }
        return avoidableBias() >= variance() ? Problem.HIGH_BIAS : Problem.HIGH_VARIANCE;
    }

    /** What to try, most promising first. */
    public List<String> recommendations() {
        List<String> out = new ArrayList<>();
        switch (dominant()) {
            case HIGH_BIAS -> {
                out.addAll(BIAS_REMEDIES);
                if (highVariance()) {
                    out.add("then, for the variance: " + String.join(", ", VARIANCE_REMEDIES));
                }
            }
            case HIGH_VARIANCE -> {
                out.addAll(VARIANCE_REMEDIES);
                out.add(NOT_BIGGER);
                if (highBias()) {
                    out.add("then, for the bias: train longer or try another architecture");
                }
            }
            default -> out.add("nothing stands out: the model is within " + fmt(tolerance)
                    + " of human-level error on the training set and of its training error on the dev set");
        }
        return out;
    }

    /** A few lines for people: the three errors, the two gaps, the verdict and what to try. */
    public String report() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        String error = unit == null ? "error" : "RMSE";
        sb.append(String.format("human-level %s %s, training %s %s, dev %s %s%s%n", error, fmt(humanError), error,
                fmt(trainError), error, fmt(devError), unit == null ? "" : " (in the units of " + unit + ")"));
        sb.append(String.format("avoidable bias %s (training - human), variance %s (dev - training); tolerance %s%n",
                fmt(avoidableBias()), fmt(variance()), fmt(tolerance)));
        Problem p = problem();
        sb.append("diagnosis: ").append(p.text());
        if (p == Problem.HIGH_BIAS_AND_VARIANCE) {
            sb.append(", ").append(dominant() == Problem.HIGH_BIAS ? "bias" : "variance").append(" dominates");
        }
        sb.append(nl);
        if (avoidableBias() < 0) {
            sb.append("note: the training error is below the human-level error: is that figure too high?").append(nl);
        }
        for (String r : recommendations()) {
            sb.append("  - ").append(r).append(nl);
        }
        return sb.toString();
    }

    /** A rate as a percentage; an RMSE with four significant digits. */
    private String fmt(double v) {
        return unit == null ? String.format("%.2f%%", 100 * v) : String.format("%.4g", v);
    }

    private static void check(String name, double v, String unit) {
        if (unit == null && !(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be an error rate in [0, 1], got " + v);
        }
        if (unit != null && !(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(name + " must be a finite error, at least 0, got " + v);
        }
    }
}
