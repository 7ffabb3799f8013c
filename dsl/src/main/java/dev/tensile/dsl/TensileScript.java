package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;

import org.tribuo.classification.evaluation.LabelEvaluation;

import dev.tensile.plugin.Suggestions;

/**
 * The base class of every Tensile script: the top-level blocks and actions. Blocks delegate to
 * {@link DataBlock}, {@link ModelBlock} and {@link TrainBlock} first and to the script second, so plain Groovy
 * (variables, loops, functions) works inside them.
 */
public abstract class TensileScript extends Script {
    static final String SESSION = "tensileSession";
    static final List<String> ACTIONS = List.of("data", "model", "train", "retrain", "evaluate", "summary", "param",
            "plot", "probe", "errorRates", "trainedModel");

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

    public LabelEvaluation evaluate() {
        return session().evaluate();
    }

    public void summary() {
        session().summary();
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
    public dev.tensile.tribuo.TensileModel trainedModel() {
        return session().model();
    }

    /** Error rates of the last trained model on the train, dev and test sets: {@code [train: 0.02, dev: 0.11]}. */
    public java.util.Map<String, Double> errorRates() {
        return session().errorRates(null);
    }

    /** Error rates of a model kept with {@code trainedModel()}. */
    public java.util.Map<String, Double> errorRates(dev.tensile.tribuo.TensileModel model) {
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
        s.currentBlock = name;
        try {
            Closure<?> c = (Closure<?>) body.clone();
            c.setDelegate(delegate);
            c.setResolveStrategy(Closure.DELEGATE_FIRST);
            c.call();
        } finally {
            s.currentBlock = outer;
        }
    }

    /** Unknown keywords anywhere in a script end here: name the block and suggest what was meant. */
    public Object methodMissing(String name, Object args) {
        String block = session().currentBlock;
        List<String> known = new ArrayList<>(switch (block == null ? "" : block) {
            case "data" -> DataBlock.KEYWORDS;
            case "model" -> ModelBlock.KEYWORDS;
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
