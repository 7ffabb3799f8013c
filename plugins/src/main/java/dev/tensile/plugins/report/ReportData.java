package dev.tensile.plugins.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tensile.eval.Diagnosis;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.LayerStats;
import dev.tensile.train.RunJournal;

/**
 * Everything a report shows, gathered as a run goes (or read from a model file), and turned into the JSON object
 * the page's script draws from. Figures that were not measured (NaN) become {@code null}, which the charts show as
 * gaps and the tables as a dash.
 */
public final class ReportData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String title = "Tensile training report";
    private String status = "";
    private boolean live;
    private final List<EpochLog> epochs = new ArrayList<>();
    private final Map<String, LayerSeries> layers = new LinkedHashMap<>();
    private final List<Mark> marks = new ArrayList<>();
    private Map<String, String> provenance = Map.of();
    private List<RunJournal.SummaryLine> summary = List.of();
    private Map<String, String> machine = Map.of();
    private RunJournal.Evaluation evaluation;
    private Diagnosis diagnosis;
    private String layerNote = "";
    private String evaluationNote = "";
    private String diagnosisNote = "";

    /** A warning of the gradient monitor's checks, where it fired (epoch from 1, step). */
    public record Mark(int epoch, int step, String kind, String layer, String message) {
    }

    /** One layer's figures over the steps diagnostics were taken at. */
    private static final class LayerSeries {
        final List<double[]> points = new ArrayList<>(); // step, mean, std, gradient norm
    }

    public String title() {
        return title;
    }

    public ReportData title(String t) {
        this.title = t;
        return this;
    }

    /** One line saying where the run stands (e.g. {@code training: epoch 3 of 60}). */
    public ReportData status(String s) {
        this.status = s;
        return this;
    }

    /** True while a run is writing the page: an open browser reloads it every few seconds. */
    public ReportData live(boolean l) {
        this.live = l;
        return this;
    }

    public ReportData epochs(List<EpochLog> logs) {
        epochs.clear();
        epochs.addAll(logs);
        return this;
    }

    public List<EpochLog> epochs() {
        return List.copyOf(epochs);
    }

    /** Per-layer statistics at one step. */
    public ReportData sample(int step, List<LayerStats> stats) {
        for (LayerStats s : stats) {
            layers.computeIfAbsent(s.layer(), k -> new LayerSeries()).points.add(
                    new double[] {step, s.activationMean(), s.activationStd(), s.weightGradientNorm()});
        }
        return this;
    }

    public ReportData mark(Mark m) {
        marks.add(m);
        return this;
    }

    public List<Mark> marks() {
        return List.copyOf(marks);
    }

    /** Says why the per-layer charts are empty (e.g. a report made from a file, which holds no layer figures). */
    public ReportData layerNote(String note) {
        this.layerNote = note;
        return this;
    }

    /** Says why there is no evaluation (e.g. a model file saved without one); the page has a default. */
    public ReportData evaluationNote(String note) {
        this.evaluationNote = note;
        return this;
    }

    /** Says why there is no diagnosis; the page has a default. */
    public ReportData diagnosisNote(String note) {
        this.diagnosisNote = note;
        return this;
    }

    public ReportData provenance(Map<String, String> p) {
        this.provenance = new LinkedHashMap<>(p);
        return this;
    }

    public ReportData summary(List<RunJournal.SummaryLine> rows) {
        this.summary = List.copyOf(rows);
        return this;
    }

    public ReportData machine(Map<String, String> m) {
        this.machine = new LinkedHashMap<>(m);
        return this;
    }

    public ReportData evaluation(RunJournal.Evaluation e) {
        this.evaluation = e;
        return this;
    }

    public ReportData diagnosis(Diagnosis d) {
        this.diagnosis = d;
        return this;
    }

    /** The page's data, as one JSON object. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", title);
        root.put("status", status);
        root.put("live", live);
        root.put("writtenAt", System.currentTimeMillis());
        ArrayNode ep = root.putArray("epochs");
        for (EpochLog e : epochs) {
            ObjectNode o = ep.addObject();
            o.put("epoch", e.epoch());
            num(o, "trainLoss", e.trainLoss());
            num(o, "trainAccuracy", e.trainAccuracy());
            num(o, "devLoss", e.devLoss());
            num(o, "devAccuracy", e.devAccuracy());
            num(o, "learningRate", e.learningRate());
            num(o, "seconds", e.seconds());
            num(o, "gradientNorm", e.gradientNorm());
        }
        ArrayNode ls = root.putArray("layers");
        layers.forEach((name, series) -> {
            ObjectNode o = ls.addObject();
            o.put("name", name);
            ArrayNode mean = o.putArray("mean");
            ArrayNode std = o.putArray("std");
            ArrayNode grad = o.putArray("grad");
            for (double[] p : series.points) {
                point(mean, p[0], p[1]);
                point(std, p[0], p[2]);
                point(grad, p[0], p[3]);
            }
        });
        root.put("layerNote", layerNote);
        ArrayNode ms = root.putArray("marks");
        for (Mark m : marks) {
            ms.addObject().put("epoch", m.epoch()).put("step", m.step()).put("kind", m.kind()).put("layer", m.layer()).put("message", m.message());
        }
        root.put("evaluationNote", evaluationNote);
        root.put("diagnosisNote", diagnosisNote);
        root.set("provenance", JSON.valueToTree(provenance));
        ArrayNode sm = root.putArray("summary");
        for (RunJournal.SummaryLine r : summary) {
            sm.addObject().put("layer", r.layer()).put("outputs", r.outputs()).put("parameters", r.parameters())
                    .put("init", r.init());
        }
        root.set("machine", JSON.valueToTree(machine));
        if (evaluation != null) {
            ObjectNode ev = root.putObject("evaluation");
            ev.put("dataset", evaluation.dataset());
            num(ev, "accuracy", evaluation.accuracy());
            ev.set("labels", JSON.valueToTree(evaluation.labels()));
            ev.set("confusion", JSON.valueToTree(evaluation.confusion()));
        }
        if (diagnosis != null) {
            ObjectNode d = root.putObject("diagnosis");
            num(d, "humanError", diagnosis.humanError());
            num(d, "trainError", diagnosis.trainError());
            num(d, "devError", diagnosis.devError());
            num(d, "avoidableBias", diagnosis.avoidableBias());
            num(d, "variance", diagnosis.variance());
            num(d, "tolerance", diagnosis.tolerance());
            d.put("problem", diagnosis.problem().text());
            d.set("recommendations", JSON.valueToTree(diagnosis.recommendations()));
        }
        return root.toString();
    }

    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void point(ArrayNode a, double x, double y) {
        ArrayNode p = a.addArray();
        p.add((long) x);
        if (Double.isFinite(y)) {
            p.add(y);
        } else {
            p.addNull();
        }
    }
}
