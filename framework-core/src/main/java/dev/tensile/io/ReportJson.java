package dev.tensile.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.tensile.Printable;
import dev.tensile.eval.Diagnosis;
import dev.tensile.spi.LayerStats;
import dev.tensile.train.Observations;
import dev.tensile.train.RunJournal;

/**
 * The {@code report.json} entry (format version 4): what a training report shows beyond the epoch figures of
 * {@code model.json}'s history, so that {@code tensile report FILE} shows what the live report showed: the per-layer
 * figures the run's diagnostics took, the gradient monitor's warnings, the last evaluation's confusion matrix and the
 * diagnosis. Written only when there is something in it; nothing in it changes a prediction. Plain records for Jackson,
 * each field checked by {@link #toObservations()}; see {@code docs/model-format.md}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"layers", "samples", "warnings", "evaluation", "diagnosis"})
record ReportJson(List<String> layers, List<SampleJson> samples, List<WarningJson> warnings, EvaluationJson evaluation,
                  DiagnosisJson diagnosis) {

    static final String ENTRY = "report.json";

    /** One diagnostics step: each stage's activation mean and std and weight-gradient norm, in {@code layers} order. */
    @JsonPropertyOrder({"epoch", "step", "mean", "std", "grad"})
    record SampleJson(Integer epoch, Integer step, List<Double> mean, List<Double> std, List<Double> grad) {
    }

    @JsonPropertyOrder({"epoch", "step", "kind", "layer", "message"})
    record WarningJson(Integer epoch, Integer step, String kind, String layer, String message) {
    }

    @JsonPropertyOrder({"dataset", "labels", "confusion", "accuracy"})
    record EvaluationJson(String dataset, List<String> labels, List<List<Long>> confusion, Double accuracy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"humanError", "trainError", "devError", "tolerance", "unit"})
    record DiagnosisJson(Double humanError, Double trainError, Double devError, Double tolerance, String unit) {
    }

    /** Null when there is nothing to write. */
    static ReportJson of(Observations o) {
        if (o == null || o.isEmpty()) {
            return null;
        }
        List<String> layers = o.samples().isEmpty() ? List.of()
                : o.samples().get(0).layers().stream().map(LayerStats::layer).toList();
        List<SampleJson> samples = new ArrayList<>();
        for (Observations.Sample s : o.samples()) {
            List<Double> mean = new ArrayList<>();
            List<Double> std = new ArrayList<>();
            List<Double> grad = new ArrayList<>();
            for (int i = 0; i < s.layers().size(); i++) {
                LayerStats l = s.layers().get(i);
                if (i >= layers.size() || !l.layer().equals(layers.get(i))) {
                    throw new IllegalStateException("diagnostics of one network name different stages: " + l.layer());
                }
                mean.add(finite(l.activationMean()));
                std.add(finite(l.activationStd()));
                grad.add(finite(l.weightGradientNorm()));
            }
            samples.add(new SampleJson(s.epoch(), s.step(), mean, std, grad));
        }
        List<WarningJson> warnings = o.warnings().stream()
                .map(w -> new WarningJson(w.epoch(), w.step(), w.kind(), w.layer(), w.message())).toList();
        RunJournal.Evaluation e = o.evaluation();
        EvaluationJson evaluation = null;
        if (e != null) {
            List<List<Long>> confusion = new ArrayList<>();
            for (long[] row : e.confusion()) {
                confusion.add(java.util.Arrays.stream(row).boxed().toList());
            }
            evaluation = new EvaluationJson(e.dataset(), e.labels(), confusion, finite(e.accuracy()));
        }
        Diagnosis d = o.diagnosis();
        DiagnosisJson diagnosis = d == null ? null
                : new DiagnosisJson(d.humanError(), d.trainError(), d.devError(), d.tolerance(), d.unit());
        return new ReportJson(layers, samples, warnings, evaluation, diagnosis);
    }

    /** NaN (a figure not measured, such as the gradient norm of a layer without weights) is written as null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double measured(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** Checks every field (naming the first problem) and gives the observations back. */
    Observations toObservations() throws BadBytes {
        require(layers != null && samples != null && warnings != null,
                "report.json needs 'layers', 'samples' and 'warnings' (empty lists when there are none)");
        for (String l : layers) {
            require(l != null && !l.isEmpty(), "report.json has an empty layer name");
        }
        require(samples.isEmpty() || !layers.isEmpty(), "report.json has samples but names no layers");
        Observations o = new Observations();
        for (SampleJson s : samples) {
            require(s != null && s.epoch() != null && s.step() != null, "report.json has a sample without epoch or step");
            require(s.epoch() >= 1 && s.epoch() <= ModelJson.MAX_EPOCHS && s.step() >= 1,
                    "report.json has a sample at epoch " + s.epoch() + ", step " + s.step());
            for (List<Double> figures : java.util.Arrays.asList(s.mean(), s.std(), s.grad())) {
                require(figures != null && figures.size() == layers.size(), "report.json's sample at step " + s.step()
                        + " needs mean, std and grad with one figure per layer (" + layers.size() + ")");
            }
            List<LayerStats> stats = new ArrayList<>(layers.size());
            for (int i = 0; i < layers.size(); i++) {
                stats.add(new LayerStats(Printable.escape(layers.get(i)), measured(s.mean().get(i)),
                        measured(s.std().get(i)), measured(s.grad().get(i))));
            }
            o.sample(s.epoch(), s.step(), stats);
        }
        for (WarningJson w : warnings) {
            require(w != null && w.epoch() != null && w.step() != null && w.kind() != null && w.layer() != null
                    && w.message() != null, "report.json has a warning without epoch, step, kind, layer or message");
            require(w.epoch() >= 1 && w.epoch() <= ModelJson.MAX_EPOCHS && w.step() >= 1,
                    "report.json has a warning at epoch " + w.epoch() + ", step " + w.step());
            o.warn(new Observations.Warning(w.epoch(), w.step(), Printable.escape(w.kind()), Printable.escape(w.layer()),
                    Printable.escape(w.message())));
        }
        if (evaluation != null) {
            o.evaluated(toEvaluation());
        }
        if (diagnosis != null) {
            DiagnosisJson d = diagnosis;
            require(d.humanError() != null && d.trainError() != null && d.devError() != null && d.tolerance() != null,
                    "report.json's diagnosis needs humanError, trainError, devError and tolerance");
            try {
                o.diagnosed(new Diagnosis(d.humanError(), d.trainError(), d.devError(), d.tolerance(),
                        d.unit() == null ? null : Printable.escape(d.unit())));
            } catch (IllegalArgumentException e) {
                throw new BadBytes("report.json's diagnosis: " + e.getMessage());
            }
        }
        return o;
    }

    private RunJournal.Evaluation toEvaluation() throws BadBytes {
        EvaluationJson e = evaluation;
        require(e.dataset() != null && e.labels() != null && e.confusion() != null && e.accuracy() != null,
                "report.json's evaluation needs dataset, labels, confusion and accuracy");
        int n = e.labels().size();
        require(n >= 1 && new HashSet<>(e.labels()).size() == n && !e.labels().contains(null),
                "report.json's evaluation needs distinct labels");
        require(e.confusion().size() == n, "report.json's confusion matrix needs " + n + " rows, one per label");
        long[][] counts = new long[n][];
        for (int t = 0; t < n; t++) {
            List<Long> row = e.confusion().get(t);
            require(row != null && row.size() == n, "report.json's confusion matrix needs " + n + " columns in each row");
            counts[t] = new long[n];
            for (int p = 0; p < n; p++) {
                require(row.get(p) != null && row.get(p) >= 0, "report.json's confusion matrix holds a negative or missing count");
                counts[t][p] = row.get(p);
            }
        }
        require(e.accuracy() >= 0 && e.accuracy() <= 1, "report.json's evaluation accuracy " + e.accuracy() + " is not in [0, 1]");
        return new RunJournal.Evaluation(Printable.escape(e.dataset()), e.labels().stream().map(Printable::escape).toList(),
                counts, e.accuracy());
    }

    private static void require(boolean ok, String problem) throws BadBytes {
        if (!ok) {
            throw new BadBytes(problem);
        }
    }
}
