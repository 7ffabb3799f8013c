package dev.tensile.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tensile.eval.Diagnosis;
import dev.tensile.spi.LayerStats;

/**
 * What a training report shows beyond the epoch figures, kept with the model (in its {@link History}) so that a
 * saved model file or checkpoint shows it again: the per-layer figures the diagnostics took (activation mean and
 * std, weight-gradient norm, at the steps a {@code report} or {@code gradient-monitor} callback asked for), the
 * monitor's warnings with the epoch and step where they fired, and the model's last evaluation and diagnosis.
 */
public final class Observations {
    /** The figures of every stage at one step of an epoch (1-based), in network order. */
    public record Sample(int epoch, int step, List<LayerStats> layers) {
        public Sample {
            layers = List.copyOf(layers);
        }
    }

    /** A warning of the gradient monitor's checks ({@code kind}: exploding, vanishing, ...), where it first fired. */
    public record Warning(int epoch, int step, String kind, String layer, String message) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();
    private RunJournal.Evaluation evaluation;
    private Diagnosis diagnosis;

    /** Records one step's figures (the training loop does, whenever a listener asked for diagnostics). */
    public void sample(int epoch, int step, List<LayerStats> layers) {
        samples.add(new Sample(epoch, step, layers));
    }

    /** Records a warning, once per kind (as the monitors warn). */
    public void warn(Warning w) {
        for (Warning earlier : warnings) {
            if (earlier.kind().equals(w.kind())) {
                return;
            }
        }
        warnings.add(w);
    }

    /** The last evaluation of the model (a classifier's: it has a confusion matrix). */
    public void evaluated(RunJournal.Evaluation e) {
        this.evaluation = e;
    }

    public void diagnosed(Diagnosis d) {
        this.diagnosis = d;
    }

    /**
     * Appends what a continued run observed. The model has changed since the last evaluation and diagnosis, so they
     * are dropped unless the continued run made new ones.
     */
    public void addAll(Observations more) {
        samples.addAll(more.samples);
        more.warnings.forEach(this::warn);
        evaluation = more.evaluation;
        diagnosis = more.diagnosis;
    }

    public List<Sample> samples() {
        return Collections.unmodifiableList(samples);
    }

    public List<Warning> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Null when the model was not evaluated (or has trained since). */
    public RunJournal.Evaluation evaluation() {
        return evaluation;
    }

    /** Null when no diagnosis was asked for (or the model has trained since). */
    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** True when there is nothing to store. */
    public boolean isEmpty() {
        return samples.isEmpty() && warnings.isEmpty() && evaluation == null && diagnosis == null;
    }
}
