package dev.tensile.plugins.callbacks;

import java.util.List;

import dev.tensile.spi.EpochLog;
import dev.tensile.spi.Param;

/**
 * The quantity a plateau-watching callback follows, and which direction is better: losses go down, accuracy up.
 * A value counts as an improvement only when it beats the best so far by more than {@code minDelta}.
 */
final class Monitor {
    static final List<String> CHOICES = List.of("dev-loss", "dev-accuracy", "train-loss");

    private final String plugin;
    private final String name;
    private final double minDelta;
    private double best = Double.NaN;
    private int bestEpoch;
    private int sinceBest;

    Monitor(String plugin, String name, double minDelta) {
        this.plugin = plugin;
        this.name = name;
        this.minDelta = minDelta;
    }

    static Param param() {
        return Param.choice("monitor", "dev-loss", CHOICES, "what to watch: dev-loss, dev-accuracy or train-loss");
    }

    static Param minDeltaParam() {
        return Param.real("minDelta", 0, 0, Double.MAX_VALUE, "smallest change that counts as an improvement");
    }

    /** Reads the monitored value from the epoch's log; true if it improved on the best by more than minDelta. */
    boolean update(EpochLog log) {
        double v = switch (name) {
            case "dev-loss" -> log.devLoss();
            case "dev-accuracy" -> log.devAccuracy();
            default -> log.trainLoss();
        };
        if (Double.isNaN(v)) {
            throw new IllegalStateException(plugin + " monitors " + name + ", which this run does not have"
                    + (name.startsWith("dev") ? " (no dev set, or accuracy of a regression)" : "")
                    + "; monitor train-loss or give a dev set");
        }
        boolean improved = Double.isNaN(best)
                || (name.equals("dev-accuracy") ? v > best + minDelta : v < best - minDelta);
        if (improved) {
            best = v;
            bestEpoch = log.epoch();
            sinceBest = 0;
        } else {
            sinceBest++;
        }
        return improved;
    }

    String name() {
        return name;
    }

    double best() {
        return best;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** Epochs in a row without improvement. */
    int sinceBest() {
        return sinceBest;
    }

    /** What a checkpoint keeps of this monitor, so that a resumed run goes on counting (issue 19 item 7). */
    java.util.Map<String, Double> state() {
        return Double.isNaN(best) ? java.util.Map.of() : java.util.Map.of("best", best, "bestEpoch", (double) bestEpoch,
                "sinceBest", (double) sinceBest);
    }

    /** Takes back {@link #state()}; values out of range (a crafted file) are ignored. */
    void restore(java.util.Map<String, Double> s) {
        Double b = s.get("best");
        Double e = s.get("bestEpoch");
        Double since = s.get("sinceBest");
        if (b == null || e == null || since == null || !Double.isFinite(b) || !(e >= 0 && e <= Integer.MAX_VALUE)
                || !(since >= 0 && since <= Integer.MAX_VALUE)) {
            return;
        }
        best = b;
        bestEpoch = (int) (double) e;
        sinceBest = (int) (double) since;
    }

    /** Forgets the count of epochs without improvement (after acting on a plateau), keeping the best value. */
    void restartCount() {
        sinceBest = 0;
    }
}
