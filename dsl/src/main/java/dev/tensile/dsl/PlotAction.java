package dev.tensile.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knowm.xchart.XYChart;

import dev.tensile.dsl.plot.BoundaryChart;
import dev.tensile.dsl.plot.Charts;
import dev.tensile.dsl.plot.PngFiles;
import dev.tensile.plugin.Suggestions;
import dev.tensile.train.ForwardProbe;
import dev.tensile.tribuo.NetworkModel;
import dev.tensile.tribuo.TensileModel;

/**
 * The {@code plot} action: {@code plot 'loss'}, {@code plot 'boundary'} and {@code plot 'activations'}, each to a
 * PNG named by {@code to:} (relative to the script's folder). {@code models: [name: model, ...]} draws one panel
 * per trained model (kept with {@code trainedModel()} after each {@code train { }}) side by side, {@code columns:} panels per row; without it the
 * last trained model is drawn. {@code activations} takes {@code probes: [name: probeResult, ...]} and draws one
 * line per probe. {@code filters} ({@code layer:} N, a convolution) draws its kernels as a grid of small images and
 * {@code feature-maps} ({@code layer:} N, {@code image:} i of the training set) the channels layer N outputs for one
 * image (see {@link ImagePlots}).
 */
final class PlotAction {
    static final List<String> KINDS = List.of("loss", "boundary", "activations", "filters", "feature-maps");
    private static final Set<String> OPTIONS = Set.of("to", "models", "probes", "columns", "title", "width", "height",
            "layer", "image");

    private final Session session;

    PlotAction(Session session) {
        this.session = session;
    }

    Path plot(String kind, Map<String, Object> args) {
        PngFiles.headless();
        for (String k : args.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new DslException("plot has no option '" + k + "'"
                        + Suggestions.closest(k, OPTIONS).map(s -> "; did you mean '" + s + "'?").orElse("")
                        + " (options: " + String.join(", ", new java.util.TreeSet<>(OPTIONS)) + ")");
            }
        }
        if (!(args.get("to") instanceof CharSequence to) || !to.toString().endsWith(".png")) {
            throw new DslException("plot '" + kind + "' needs to: 'FILE.png', the picture to write");
        }
        if (kind.equals("filters") || kind.equals("feature-maps")) {
            Path file = ImagePlots.plot(kind, args, lastModel(args), session, session.output(to.toString()));
            session.out().println("plot: wrote " + file);
            return file;
        }
        String title = args.get("title") == null ? null : args.get("title").toString();
        List<XYChart> charts = charts(kind, args);
        // several panels: each is named by its model, and title: heads the whole picture
        String heading = charts.size() > 1 ? title : null;
        Path file = PngFiles.write(charts, integer(args, "columns", charts.size()), heading, session.output(to.toString()));
        session.out().println("plot: wrote " + file);
        return file;
    }

    /** The panels of a line or boundary plot: one per model (titled by its name, or by title: when it is alone). */
    List<XYChart> charts(String kind, Map<String, Object> args) {
        int width = integer(args, "width", 520);
        int height = integer(args, "height", 400);
        String title = args.get("title") == null ? null : args.get("title").toString();
        List<XYChart> charts = new ArrayList<>();
        switch (kind) {
            case "loss" -> {
                Map<String, NetworkModel<?>> models = models(args);
                models.forEach((name, m) ->
                        charts.add(Charts.loss(panelTitle(title, name, models.size()), m.history(), width, height)));
            }
            case "boundary" -> {
                if (session.trainingSet() == null) {
                    throw new DslException("plot 'boundary' needs data { } of class labels and a trained classifier");
                }
                Map<String, NetworkModel<?>> models = models(args);
                models.forEach((name, m) -> {
                    if (!(m instanceof TensileModel classifier)) {
                        throw new DslException("plot 'boundary' draws a classifier's regions; '" + name + "' is a regressor");
                    }
                    charts.add(BoundaryChart.of(panelTitle(title, name, models.size()), classifier, session.trainingSet(),
                            width, height));
                });
            }
            case "activations" -> {
                Map<String, ForwardProbe.Result> probes = named(args.get("probes"), ForwardProbe.Result.class, "probes");
                if (probes.isEmpty()) {
                    throw new DslException("plot 'activations' needs probes: [name: probe(...), ...]");
                }
                charts.add(Charts.activationStd(title != null ? title : "activation std per layer", probes, width, height));
            }
            default -> throw new DslException("unknown plot '" + kind + "'"
                    + Suggestions.closest(kind, KINDS).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " (plots: " + String.join(", ", KINDS) + ")");
        }
        return charts;
    }

    private static String panelTitle(String title, String name, int panels) {
        return title != null && panels == 1 ? title : name;
    }

    private NetworkModel<?> lastModel(Map<String, Object> args) {
        return models(args).values().iterator().next();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, NetworkModel<?>> models(Map<String, Object> args) {
        if (args.get("models") != null) {
            Map<String, NetworkModel<?>> m = (Map) named(args.get("models"), NetworkModel.class, "models");
            if (m.isEmpty()) {
                throw new DslException("plot models: is empty");
            }
            return m;
        }
        if (session.model() == null) {
            throw new DslException("plot needs a trained model: add a train { } block before it, or give models:");
        }
        return Map.of("last training", session.model());
    }

    private static <T> Map<String, T> named(Object value, Class<T> type, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new DslException("plot " + what + ": needs a map of names to " + type.getSimpleName() + "s, got " + value);
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!type.isInstance(e.getValue())) {
                throw new DslException("plot " + what + ": '" + e.getKey() + "' is not a " + type.getSimpleName()
                        + " but " + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
            }
            out.put(String.valueOf(e.getKey()), type.cast(e.getValue()));
        }
        return out;
    }

    private static int integer(Map<String, Object> args, String name, int fallback) {
        Object v = args.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.intValue() < 1) {
            throw new DslException("plot " + name + ": must be a positive integer, got " + v);
        }
        return n.intValue();
    }
}
