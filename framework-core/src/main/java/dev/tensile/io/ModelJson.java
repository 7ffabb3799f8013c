package dev.tensile.io;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.Shape;

/**
 * The {@code model.json} entry of a model file, as plain records that Jackson maps field by field (no type
 * information is read from the file, so nothing but these records is ever instantiated). Every field is checked by
 * {@link #validate()} before it is used; see {@code docs/model-format.md} for the meaning of each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "formatVersion", "kind", "model", "labels", "features", "scaling", "arrays", "history",
        "provenance"})
record ModelJson(String format, Integer formatVersion, String kind, SpecJson model, List<String> labels,
                 List<String> features, ScalingJson scaling, List<ArrayJson> arrays, List<Map<String, Number>> history, ProvenanceJson provenance,
                 JsonNode checkpoint) {

    static final String FORMAT = "tensile-model";
    /** The newest version this reader understands: a file with a {@code report.json} entry. */
    static final int VERSION = 4;
    /**
     * The first version whose layers name their plugin; 1 and 2 knew two layer types by a fixed {@code type}. The
     * writer writes it for every file without a report entry, so a Tensile of version 3 still reads those.
     */
    static final int VERSION_LAYER_PLUGINS = 3;
    /** The first version with the optional {@code report.json} entry ({@link ReportJson}). */
    static final int VERSION_REPORT = 4;
    /** Widest layer or input a file may describe; far above any dense network that fits in memory. */
    static final int MAX_WIDTH = 1 << 24;
    static final int MAX_LAYERS = 10_000;
    static final int MAX_EPOCHS = 10_000_000;

    /**
     * The feature scaling fitted on the training data (format version 2): {@code min-max} or {@code z-score}, and per
     * input column its statistics as exact doubles ({@code min}, {@code max} or {@code mean}, {@code stdDev}), or
     * {@code zero: true} for a column that was constant in training.
     */
    @JsonPropertyOrder({"kind", "columns"})
    record ScalingJson(String kind, List<ColumnJson> columns) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"min", "max", "mean", "stdDev", "zero"})
    record ColumnJson(Double min, Double max, Double mean, Double stdDev, Boolean zero) {
    }

    /** {@code input}: the shape of one example (version 3); {@code inputs}: its width (versions 1 and 2). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"input", "inputs", "layers", "output", "loss"})
    record SpecJson(List<Integer> input, Integer inputs, List<LayerJson> layers, LayerJson output, String loss) {
    }

    /**
     * Version 3: {@code layer} (the layer plugin's name), {@code params} (the script's values for it), and
     * {@code activation} and {@code init} when the layer has them. Versions 1 and 2: {@code type} {@code dense}
     * (units, activation, init) or {@code activation-regularizer} (regularizer: dropout).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"layer", "params", "type", "units", "activation", "init", "regularizer"})
    record LayerJson(String layer, Map<String, Object> params, String type, Integer units, PluginJson activation,
                     PluginJson init, PluginJson regularizer) {
    }

    @JsonPropertyOrder({"name", "params"})
    record PluginJson(String name, Map<String, Object> params) {
    }

    /** One weight array: its zip entry, the network parameter it fills, its shape (rows, cols) and dtype. */
    @JsonPropertyOrder({"entry", "parameter", "shape", "dtype"})
    record ArrayJson(String entry, String parameter, List<Long> shape, String dtype) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"seed", "tensileVersion", "kernel", "java", "os", "trainedAt", "training", "plugins"})
    record ProvenanceJson(Long seed, String tensileVersion, String kernel, String java, String os, String trainedAt,
                          String training, List<PluginUse> plugins) {
    }

    /** A plugin the model needs, as the registry described it when the file was written. */
    @JsonPropertyOrder({"kind", "name", "version", "source"})
    record PluginUse(String kind, String name, String version, String source) {
    }

    // ---- from the engine's types ----

    static SpecJson of(ModelSpec spec) {
        List<LayerJson> layers = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            layers.add(of(l));
        }
        return new SpecJson(spec.input().toList(), null, layers, of(spec.output()), spec.loss());
    }

    private static LayerJson of(LayerSpec l) {
        PluginJson layer = of(l.layer());
        return new LayerJson(layer.name(), layer.params(), null, null, l.activation() == null ? null : of(l.activation()),
                l.init() == null ? null : of(l.init()), null);
    }

    private static PluginJson of(PluginRef ref) {
        Map<String, Object> params = new LinkedHashMap<>();
        ref.params().forEach((k, v) -> params.put(k, jsonValue(ref.name(), k, v)));
        return new PluginJson(ref.name(), params);
    }

    /** Plugin parameters are numbers, booleans or text (the binder accepts nothing else); Groovy's decimals become doubles. */
    private static Object jsonValue(String plugin, String param, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof CharSequence) {
            return v.toString();
        }
        throw new IllegalArgumentException(plugin + " parameter '" + param + "' is a "
                + (v == null ? "null" : v.getClass().getSimpleName()) + ", which a model file cannot hold");
    }

    /**
     * One epoch of history: every component of {@link EpochLog} by name (so the file follows the record as it
     * grows), null where a figure was not measured (no dev set, say).
     */
    static Map<String, Number> of(EpochLog e) {
        Map<String, Number> m = new LinkedHashMap<>();
        try {
            for (RecordComponent c : EpochLog.class.getRecordComponents()) {
                Object v = c.getAccessor().invoke(e);
                if (v instanceof Double d) {
                    m.put(c.getName(), Double.isFinite(d) ? d : null);
                } else if (v instanceof Number n) {
                    m.put(c.getName(), n);
                }
            }
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("EpochLog's accessors are public", x);
        }
        return m;
    }

    /** The scaling as the file holds it; null for none. Non-finite statistics cannot be written (JSON has no NaN). */
    static ScalingJson of(Scaling scaling) {
        if (scaling.kind() == Scaling.Kind.NONE) {
            return null;
        }
        double[][] stats = scaling.statistics();
        List<ColumnJson> columns = new ArrayList<>(stats.length);
        for (int c = 0; c < stats.length; c++) {
            double[] s = stats[c];
            if (s == null) {
                columns.add(new ColumnJson(null, null, null, null, true));
                continue;
            }
            if (!Double.isFinite(s[0]) || !Double.isFinite(s[1])) {
                throw new IllegalArgumentException("the " + scaling.kind().label() + " scaling of input column " + (c + 1)
                        + " has non-finite statistics (" + s[0] + ", " + s[1] + ")");
            }
            columns.add(scaling.kind() == Scaling.Kind.MIN_MAX ? new ColumnJson(s[0], s[1], null, null, null)
                    : new ColumnJson(null, null, s[0], s[1], null));
        }
        return new ScalingJson(scaling.kind().label(), columns);
    }

    // ---- back, checked ----

    /** Checks everything but the plugins (which only the registry can judge), naming the first problem. */
    void validate() throws BadBytes {
        if (!FORMAT.equals(format)) {
            throw new BadBytes("model.json says format '" + format + "', not '" + FORMAT + "'");
        }
        if (formatVersion == null || formatVersion < 1) {
            throw new BadBytes("model.json has no valid formatVersion");
        }
        if (formatVersion > VERSION) {
            throw new BadBytes("written in model format version " + formatVersion + " by a newer Tensile; this one reads up to version "
                    + VERSION + " (upgrade Tensile to load it)");
        }
        if (scaling != null && formatVersion < 2) {
            throw new BadBytes("model.json has a scaling section, which format version " + formatVersion + " does not have");
        }
        if (!"model".equals(kind) && !"checkpoint".equals(kind)) {
            throw new BadBytes("model.json kind is '" + kind + "', expected 'model' or 'checkpoint'");
        }
        require(model != null, "model.json has no model section");
        boolean plugins = formatVersion >= VERSION_LAYER_PLUGINS;
        int width = plugins ? inputWidth() : legacyInputs();
        require(model.layers() != null && model.layers().size() <= MAX_LAYERS, "model.layers must be a list of at most " + MAX_LAYERS);
        for (int i = 0; i < model.layers().size(); i++) {
            checkLayer(model.layers().get(i), "model.layers[" + i + "]", plugins);
        }
        checkLayer(model.output(), "model.output", plugins);
        require(plugins || "dense".equals(model.output().type()), "model.output must be a dense layer");
        require(model.loss() != null, "model.loss is missing");
        require(features != null && features.size() == width,
                "model.json must list " + width + " feature names (one per input), found "
                        + (features == null ? "none" : features.size()));
        // version 3: the output width is the output layer's to say; the reader checks the labels once it has planned
        require(plugins || labels != null && labels.size() == model.output().units(),
                "model.json must list " + model.output().units() + " label names (one per output unit), found "
                        + (labels == null ? "none" : labels.size()));
        require(labels != null, "model.json lists no label names");
        distinct(features, "feature");
        distinct(labels, "label");
        if (scaling != null) {
            checkScaling(width);
        }
        require(arrays != null, "model.json has no arrays list");
        for (ArrayJson a : arrays) {
            require(a != null && a.entry() != null && a.shape() != null && a.shape().size() == 2
                    && a.shape().get(0) != null && a.shape().get(1) != null, "model.json has an array without entry or 2-D shape");
            require("<f4".equals(a.dtype()), "array " + a.entry() + " has dtype '" + a.dtype() + "'; only '<f4' is supported");
        }
        require(history == null || history.size() <= MAX_EPOCHS, "model.json history is too long");
        if (history != null) {
            for (Map<String, Number> e : history) {
                require(e != null && e.get("epoch") instanceof Integer, "model.json history has an epoch without a number");
            }
        }
    }

    private void checkScaling(int inputs) throws BadBytes {
        require("min-max".equals(scaling.kind()) || "z-score".equals(scaling.kind()),
                "model.json scaling.kind is '" + scaling.kind() + "', expected 'min-max' or 'z-score'");
        boolean minMax = "min-max".equals(scaling.kind());
        require(scaling.columns() != null && scaling.columns().size() == inputs,
                "model.json scaling must list " + inputs + " columns (one per input), found "
                        + (scaling.columns() == null ? "none" : scaling.columns().size()));
        for (int c = 0; c < inputs; c++) {
            ColumnJson col = scaling.columns().get(c);
            String where = "model.json scaling.columns[" + c + "]";
            require(col != null, where + " is null");
            if (col.zero() != null) {
                require(col.zero() && col.min() == null && col.max() == null && col.mean() == null && col.stdDev() == null,
                        where + " must be either { \"zero\" : true } or the column's statistics");
                continue;
            }
            if (minMax) {
                require(col.min() != null && col.max() != null && col.mean() == null && col.stdDev() == null,
                        where + " must give min and max (min-max scaling), or zero: true");
                require(Double.isFinite(col.min()) && Double.isFinite(col.max()), where + " must have finite min and max");
                require(col.min() <= col.max(), where + " has min " + col.min() + " above max " + col.max());
            } else {
                require(col.mean() != null && col.stdDev() != null && col.min() == null && col.max() == null,
                        where + " must give mean and stdDev (z-score scaling), or zero: true");
                require(Double.isFinite(col.mean()) && Double.isFinite(col.stdDev()), where + " must have finite mean and stdDev");
                require(col.stdDev() > 0, where + " has stdDev " + col.stdDev()
                        + "; it must be positive (a column constant in training is { \"zero\" : true })");
            }
        }
    }

    /** The scaling, over {@code layout}'s columns; call {@link #validate()} first. */
    Scaling toScaling(FeatureLayout layout) {
        if (scaling == null) {
            return Scaling.none();
        }
        Scaling.Kind k = Scaling.Kind.parse(scaling.kind());
        double[][] stats = new double[scaling.columns().size()][];
        for (int c = 0; c < stats.length; c++) {
            ColumnJson col = scaling.columns().get(c);
            stats[c] = col.zero() != null ? null
                    : k == Scaling.Kind.MIN_MAX ? new double[] {col.min(), col.max()} : new double[] {col.mean(), col.stdDev()};
        }
        return Scaling.restore(k, stats, layout);
    }

    private int legacyInputs() throws BadBytes {
        require(model.input() == null, "model.input is a version 3 field, this file says version " + formatVersion);
        require(model.inputs() != null && model.inputs() >= 1 && model.inputs() <= MAX_WIDTH,
                "model.inputs must be between 1 and " + MAX_WIDTH);
        return model.inputs();
    }

    private int inputWidth() throws BadBytes {
        require(model.inputs() == null, "model.inputs belongs to format versions 1 and 2; version 3 gives model.input");
        require(model.input() != null && !model.input().isEmpty() && model.input().size() <= 8,
                "model.input must be a shape: a list of 1 to 8 sizes");
        long width = 1;
        for (Integer d : model.input()) {
            require(d != null && d >= 1 && d <= MAX_WIDTH, "model.input sizes must be between 1 and " + MAX_WIDTH);
            width *= d;
            require(width <= MAX_WIDTH, "model.input " + model.input() + " has more than " + MAX_WIDTH + " values");
        }
        return (int) width;
    }

    private static void checkLayer(LayerJson l, String where, boolean plugins) throws BadBytes {
        if (plugins) {
            require(l != null && l.layer() != null, where + " names no layer plugin");
            require(l.type() == null && l.units() == null && l.regularizer() == null,
                    where + " mixes version 3 with the type/units/regularizer fields of versions 1 and 2");
            checkPlugin(new PluginJson(l.layer(), l.params()), where);
            if (l.activation() != null) {
                checkPlugin(l.activation(), where + ".activation");
            }
            if (l.init() != null) {
                checkPlugin(l.init(), where + ".init");
            }
            return;
        }
        require(l != null && l.type() != null, where + " has no type");
        require(l.layer() == null && l.params() == null, where + " has version 3 fields (layer, params) in a version 1 or 2 file");
        switch (l.type()) {
            case "dense" -> {
                require(l.units() != null && l.units() >= 1 && l.units() <= MAX_WIDTH,
                        where + ".units must be between 1 and " + MAX_WIDTH);
                checkPlugin(l.activation(), where + ".activation");
                if (l.init() != null) {
                    checkPlugin(l.init(), where + ".init");
                }
            }
            case "activation-regularizer" -> checkPlugin(l.regularizer(), where + ".regularizer");
            default -> throw new BadBytes(where + " has the unknown type '" + l.type() + "'");
        }
    }

    private static void checkPlugin(PluginJson p, String where) throws BadBytes {
        require(p != null && p.name() != null, where + " names no plugin");
        if (p.params() != null) {
            for (Map.Entry<String, Object> e : p.params().entrySet()) {
                Object v = e.getValue();
                require(v instanceof Number || v instanceof Boolean || v instanceof String,
                        where + " parameter '" + e.getKey() + "' must be a number, boolean or string");
            }
        }
    }

    private static void distinct(List<String> names, String what) throws BadBytes {
        HashSet<String> seen = new HashSet<>();
        for (String n : names) {
            require(n != null, "model.json has a null " + what + " name");
            require(seen.add(n), "model.json lists the " + what + " '" + n + "' twice");
        }
    }

    private static void require(boolean ok, String problem) throws BadBytes {
        if (!ok) {
            throw new BadBytes(problem);
        }
    }

    /** The model description; call {@link #validate()} first. */
    ModelSpec toSpec() {
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerJson l : model.layers()) {
            layers.add(toLayer(l));
        }
        Shape input = model.input() != null ? Shape.of(model.input()) : Shape.of(model.inputs());
        return new ModelSpec(input, layers, toLayer(model.output()), model.loss());
    }

    private static LayerSpec toLayer(LayerJson l) {
        if (l.layer() != null) {
            return new LayerSpec(toRef(new PluginJson(l.layer(), l.params())), l.activation() == null ? null : toRef(l.activation()),
                    l.init() == null ? null : toRef(l.init()));
        }
        // versions 1 and 2 knew two layer types, which are the layer plugins of the same names
        if ("dense".equals(l.type())) {
            return new LayerSpec(new PluginRef("dense", Map.of("units", l.units())), toRef(l.activation()),
                    l.init() == null ? null : toRef(l.init()));
        }
        return LayerSpec.of(toRef(l.regularizer()));
    }

    private static PluginRef toRef(PluginJson p) {
        return new PluginRef(p.name(), p.params() == null ? Map.of() : p.params());
    }

    /** The epoch record back; figures the file lacks read as NaN, figures this version does not know are ignored. */
    static EpochLog toLog(Map<String, Number> m) {
        RecordComponent[] cs = EpochLog.class.getRecordComponents();
        Class<?>[] types = new Class<?>[cs.length];
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            Number v = m.get(cs[i].getName());
            if (types[i] == int.class) {
                args[i] = v == null ? 0 : v.intValue();
            } else if (types[i] == long.class) {
                args[i] = v == null ? 0L : v.longValue();
            } else {
                args[i] = v == null ? Double.NaN : v.doubleValue();
            }
        }
        try {
            return EpochLog.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("EpochLog has only number components", x);
        }
    }
}
