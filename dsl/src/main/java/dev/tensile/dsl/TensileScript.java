package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import groovy.transform.NamedParam;

import dev.tensile.eval.Diagnosis;
import dev.tensile.plugin.Suggestions;

/**
 * The base class of every Tensile script: the top-level blocks and actions. Blocks delegate to
 * {@link DataBlock}, {@link ModelBlock} and {@link TrainBlock} first and to the script second, so plain Groovy
 * (variables, loops, functions) works inside them.
 */
public abstract class TensileScript extends Script {
    static final String SESSION = "tensileSession";
    static final List<String> ACTIONS = List.of("data", "model", "train", "retrain", "evaluate", "diagnose",
            "crossValidate", "summary", "param", "predict", "save", "export", "load", "defineActivation", "defineInitializer",
            "defineCallback", "plot", "probe", "errorRates", "trainedModel");

    Session session() {
        return (Session) getBinding().getVariable(SESSION);
    }

    public void data(@DelegatesTo(value = DataBlock.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        DataBlock block = new DataBlock(session());
        run("data", block, body);
        session().applyData(block);
    }

    public void model(@DelegatesTo(value = ModelBlock.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        ModelBlock block = new ModelBlock(session());
        run("model", block, body);
        session().applyModel(block);
    }

    /** Describes training and runs it when the block ends. */
    public void train(@DelegatesTo(value = TrainBlock.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        TrainBlock block = new TrainBlock(session());
        run("train", block, body);
        session().applyTrain(block);
    }

    /** Continues training the current model for more epochs (null: as many as its train block gave). */
    public void retrain(Integer epochs) {
        session().continueTraining(epochs);
    }

    /** Tribuo's evaluation: a classifier's {@code LabelEvaluation} or a regressor's {@code RegressionEvaluation}. */
    public Object evaluate() {
        return session().evaluate();
    }

    public void summary() {
        session().summary();
    }

    /** {@code diagnose humanError: 0.05} (optional {@code tolerance: 0.02}): bias and variance, and what to do. */
    public Diagnosis diagnose(
            @NamedParam(value = "humanError", type = Double.class, required = true)
            @NamedParam(value = "tolerance", type = Double.class) java.util.Map<String, Object> args) {
        Object human = args.get("humanError");
        Object tolerance = args.get("tolerance");
        for (String k : args.keySet()) {
            if (!k.equals("humanError") && !k.equals("tolerance")) {
                throw new DslException("diagnose has no option '" + k + "' (options: humanError, tolerance)");
            }
        }
        if (!(human instanceof Number h) || tolerance != null && !(tolerance instanceof Number)) {
            throw new DslException("diagnose needs numbers, e.g. diagnose humanError: 0.05, tolerance: 0.02");
        }
        return session().diagnose(h.doubleValue(), tolerance == null ? null : ((Number) tolerance).doubleValue());
    }

    /** {@code crossValidate folds: 5} (optional {@code seed: 1}): k-fold cross-validation of the last train { }. */
    public List<?> crossValidate(
            @NamedParam(value = "folds", type = Integer.class, required = true)
            @NamedParam(value = "seed", type = Long.class) java.util.Map<String, Object> args) {
        Object folds = args.get("folds");
        Object seed = args.getOrDefault("seed", 1);
        for (String k : args.keySet()) {
            if (!k.equals("folds") && !k.equals("seed")) {
                throw new DslException("crossValidate has no option '" + k + "' (options: folds, seed)");
            }
        }
        if (!(folds instanceof Integer f) || !(seed instanceof Number s)) {
            throw new DslException("crossValidate needs whole numbers, e.g. crossValidate folds: 5, seed: 1");
        }
        return session().crossValidate(f, s.longValue());
    }

    public Diagnosis diagnose() {
        throw new DslException("diagnose needs the human-level error rate, e.g. diagnose humanError: 0.05");
    }

    /** {@code save 'model.tensile'}: writes the trained model (see docs/model-format.md). */
    public void save(String path) {
        session().save(path);
    }

    /** {@code export 'model.onnx'}: writes the trained model as ONNX, raw features in, probabilities out (docs/onnx.md). */
    public void export(String path) {
        session().exportOnnx(path);
    }

    /** {@code load 'model.tensile'}: the model a script saved, ready for {@code evaluate()} or {@code save}. */
    public dev.tensile.tribuo.NetworkModel<?> load(String path) {
        return session().load(path);
    }

    /** An activation written in the script: {@code defineActivation 'cube', forward: {..}, derivative: {..}}. */
    public void defineActivation(
            @NamedParam(value = "forward", type = Closure.class, required = true)
            @NamedParam(value = "derivative", type = Closure.class, required = true)
            @NamedParam(value = "init", type = String.class)
            java.util.Map<String, Object> args, String name) {
        session().registry().registerScriptPlugin(ScriptPlugins.activation(name, args));
    }

    /** An initializer written in the script, a closure called once per weight with fan-in, fan-out and the rng. */
    public void defineInitializer(String name, Closure<?> body) {
        session().registry().registerScriptPlugin(ScriptPlugins.initializer(name, body));
    }

    /** A callback written in the script: {@code defineCallback 'name', onEpochEnd: { epoch, log -> }}. */
    public void defineCallback(
            @NamedParam(value = "onEpochEnd", type = Closure.class)
            @NamedParam(value = "onTrainEnd", type = Closure.class)
            @NamedParam(value = "onTrainBegin", type = Closure.class)
            java.util.Map<String, Object> args, String name) {
        session().registry().registerScriptPlugin(ScriptPlugins.callback(name, args));
    }

    /**
     * Predicts one example given as feature values by name ({@code predict(x: 0.1, y: -0.3)}) or a list of them;
     * each result is the label with its probability and every class's, or for a regressor the predicted number.
     */
    public Object predict(java.util.Map<String, Object> features) {
        return session().predict(features);
    }

    @SuppressWarnings("unchecked")
    public Object predict(List<?> examples) {
        List<Object> out = new ArrayList<>();
        for (Object e : examples) {
            if (!(e instanceof java.util.Map<?, ?>)) {
                throw new DslException("predict takes feature values by name, e.g. predict(" + exampleArgs()
                        + "), or a list of such maps; got " + examples);
            }
            out.add(session().predict((java.util.Map<String, Object>) e));
        }
        return out;
    }

    public Object predict() {
        throw new DslException("predict needs feature values by name, e.g. predict(" + exampleArgs() + ")");
    }

    /** {@code x: 0.1, y: 0.2} with the current model's first feature names, for messages. */
    private String exampleArgs() {
        dev.tensile.tribuo.NetworkModel<?> m = session().model();
        if (m == null) {
            return "x: 0.1, y: -0.3";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(3, m.getFeatureIDMap().size()); i++) {
            parts.add(m.getFeatureIDMap().get(i).getName() + ": 0.5");
        }
        return String.join(", ", parts) + (m.getFeatureIDMap().size() > 3 ? ", ..." : "");
    }

    /**
     * {@code plot 'loss' | 'boundary' | 'activations', to: 'file.png'} with {@code models: [name: model]} or
     * {@code probes: [name: result]}; see {@link PlotAction}.
     */
    public java.nio.file.Path plot(
            @NamedParam(value = "to", type = String.class, required = true)
            @NamedParam(value = "models", type = java.util.Map.class)
            @NamedParam(value = "probes", type = java.util.Map.class)
            @NamedParam(value = "columns", type = Integer.class)
            @NamedParam(value = "title", type = String.class)
            @NamedParam(value = "width", type = Integer.class)
            @NamedParam(value = "height", type = Integer.class)
            @NamedParam(value = "layer", type = Integer.class)
            @NamedParam(value = "image", type = Integer.class)
            java.util.Map<String, Object> args, String kind) {
        return session().plot(kind, args);
    }

    public java.nio.file.Path plot(String kind) {
        return session().plot(kind, java.util.Map.of());
    }

    /**
     * A forward pass of the current model with statistics per layer ({@link dev.tensile.train.ForwardProbe}):
     * {@code probe rows: 1, seed: 7} feeds standard-normal inputs (rows default 1, seed default 1, which also
     * seeds fresh weights when the model is not trained), or {@code probe input: matrix}.
     */
    public dev.tensile.train.ForwardProbe.Result probe(
            @NamedParam(value = "input", type = dev.tensile.tensor.Matrix.class)
            @NamedParam(value = "rows", type = Integer.class)
            @NamedParam(value = "seed", type = Long.class) java.util.Map<String, Object> args) {
        for (String k : args.keySet()) {
            if (!List.of("rows", "seed", "input").contains(k)) {
                throw new DslException("probe has no option '" + k + "' (options: input, rows, seed)");
            }
        }
        long seed = args.get("seed") instanceof Number n ? n.longValue() : 1L;
        Object in = args.get("input");
        dev.tensile.tensor.Matrix input;
        if (in instanceof dev.tensile.tensor.Matrix m) {
            input = m;
        } else if (in == null) {
            int rows = args.get("rows") instanceof Number n ? n.intValue() : 1;
            if (rows < 1 || session().modelSpec() == null) {
                throw new DslException(rows < 1 ? "probe rows must be at least 1" : "probe needs a model { } block first");
            }
            input = dev.tensile.train.ForwardProbe.standardNormal(rows, session().modelSpec().inputs(), seed);
        } else {
            throw new DslException("probe input: must be a dev.tensile.tensor.Matrix, got " + in.getClass().getSimpleName());
        }
        return session().probe(input, seed);
    }

    public dev.tensile.train.ForwardProbe.Result probe() {
        return probe(java.util.Map.of());
    }

    /** The model the last train { } block trained (null before one), e.g. to keep it for plot models:. */
    public dev.tensile.tribuo.NetworkModel<?> trainedModel() {
        return session().model();
    }

    /** Error rates of the last trained model on the train, dev and test sets: {@code [train: 0.02, dev: 0.11]}. */
    public java.util.Map<String, Double> errorRates() {
        return session().errorRates(null);
    }

    /** Error rates of a model kept with {@code trainedModel()}. */
    public java.util.Map<String, Double> errorRates(dev.tensile.tribuo.NetworkModel<?> model) {
        return session().errorRates(model);
    }

    /** A value the command line may override with {@code -Pname=value}; {@code fallback} otherwise. */
    public Object param(String name, Object fallback) {
        String v = session().properties().get(name);
        if (v == null) {
            return fallback;
        }
        if (fallback instanceof Integer) {
            return wholeNumber(name, v, Integer.MAX_VALUE).intValue();
        }
        if (fallback instanceof Long) {
            return wholeNumber(name, v, Long.MAX_VALUE);
        }
        if (fallback instanceof Number) {
            return parse(name, v, Double::valueOf);
        }
        if (fallback instanceof Boolean) {
            return Boolean.valueOf(v);
        }
        return v;
    }

    /** A whole number as written ({@code 20}, {@code 1e3}); a fraction, or one past {@code max}, is refused by name. */
    private static Long wholeNumber(String name, String v, long max) {
        java.math.BigDecimal d;
        try {
            d = new java.math.BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new DslException("-P" + name + "=" + v + " is not a number");
        }
        if (d.stripTrailingZeros().scale() > 0) {
            throw new DslException("-P" + name + "=" + v + " must be a whole number");
        }
        if (d.abs().compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw new DslException("-P" + name + "=" + v + " is too large (at most " + max + ")");
        }
        return d.longValueExact();
    }

    private static Object parse(String name, String v, java.util.function.Function<String, Object> f) {
        try {
            return f.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new DslException("-P" + name + "=" + v + " is not a number");
        }
    }

    private void run(String name, Object delegate, Closure<?> body) {
        Session s = session();
        String outer = s.currentBlock;
        Object outerDelegate = s.currentDelegate;
        s.currentBlock = name;
        s.currentDelegate = delegate;
        try {
            Closure<?> c = (Closure<?>) body.clone();
            c.setDelegate(delegate);
            c.setResolveStrategy(Closure.DELEGATE_FIRST);
            c.call();
        } finally {
            s.currentBlock = outer;
            s.currentDelegate = outerDelegate;
        }
    }

    /**
     * Layer keywords of plugins ({@code dense 64}) reach the model block here; unknown keywords anywhere in a script
     * end here too: name the block and suggest what was meant.
     */
    public Object methodMissing(String name, Object args) {
        String block = session().currentBlock;
        if (session().currentDelegate instanceof ModelBlock m && m.handles(name)) {
            return m.keyword(name, args);
        }
        List<String> known = new ArrayList<>(switch (block == null ? "" : block) {
            case "data" -> DataBlock.KEYWORDS;
            case "model" -> session().layerKeywords().words();
            case "train" -> TrainBlock.KEYWORDS;
            default -> ACTIONS;
        });
        String where = block == null ? "at the top level" : "in " + block + " { }";
        if (known.contains(name)) {
            throw new DslException("'" + name + "' " + where + " cannot take " + describeArgs(args));
        }
        String msg = "unknown keyword '" + name + "' " + where;
        msg += Suggestions.closest(name, known).map(k -> "; did you mean '" + k + "'?").orElse("");
        msg += " (keywords: " + String.join(", ", known) + ")";
        throw new DslException(msg);
    }

    private static String describeArgs(Object args) {
        Object[] a = args instanceof Object[] arr ? arr : new Object[] {args};
        List<String> parts = new ArrayList<>();
        for (Object o : a) {
            parts.add(o == null ? "null" : o instanceof CharSequence ? "'" + o + "' (a string)" : o + " (" + o.getClass().getSimpleName() + ")");
        }
        return parts.isEmpty() ? "no arguments" : String.join(", ", parts);
    }
}
