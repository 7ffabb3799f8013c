package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;


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
    public Diagnosis diagnose(java.util.Map<String, Object> args) {
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
    public List<?> crossValidate(java.util.Map<String, Object> args) {
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
    public void defineActivation(java.util.Map<String, Object> args, String name) {
        session().registry().registerScriptPlugin(ScriptPlugins.activation(name, args));
    }

    /** An initializer written in the script, a closure called once per weight with fan-in, fan-out and the rng. */
    public void defineInitializer(String name, Closure<?> body) {
        session().registry().registerScriptPlugin(ScriptPlugins.initializer(name, body));
    }

    /** A callback written in the script: {@code defineCallback 'name', onEpochEnd: { epoch, log -> }}. */
    public void defineCallback(java.util.Map<String, Object> args, String name) {
        session().registry().registerScriptPlugin(ScriptPlugins.callback(name, args));
    }

    /**
     * Predicts one example given as feature values by name ({@code predict(x: 0.1, y: -0.3)}) or a list of them;
     * each result is the label with its probability and every class's, or for a regressor the predicted number.
     */
    public Object predict(java.util.Map<String, Object> features) {
        return session().predict(features);
    }

    public Object predict(List<java.util.Map<String, Object>> examples) {
        List<Object> out = new ArrayList<>();
        for (java.util.Map<String, Object> e : examples) {
            out.add(session().predict(e));
        }
        return out;
    }

    /**
     * {@code plot 'loss' | 'boundary' | 'activations', to: 'file.png'} with {@code models: [name: model]} or
     * {@code probes: [name: result]}; see {@link PlotAction}.
     */
    public java.nio.file.Path plot(java.util.Map<String, Object> args, String kind) {
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
    public dev.tensile.train.ForwardProbe.Result probe(java.util.Map<String, Object> args) {
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
            return parse(name, v, Integer::valueOf);
        }
        if (fallback instanceof Long) {
            return parse(name, v, Long::valueOf);
        }
        if (fallback instanceof Number) {
            return parse(name, v, Double::valueOf);
        }
        if (fallback instanceof Boolean) {
            return Boolean.valueOf(v);
        }
        return v;
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
