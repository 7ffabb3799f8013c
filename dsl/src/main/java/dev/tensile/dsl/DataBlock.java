package dev.tensile.dsl;

import java.nio.file.Path;
import java.util.Map;

import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.regression.RegressionFactory;

import groovy.transform.NamedParam;

import dev.tensile.data.Scaling;
import dev.tensile.data.Source;
import dev.tensile.data.Sources;

/**
 * The {@code data { }} block: where examples come from, how they are split and scaled. Sources are Tribuo data
 * sources ({@code csv}, {@code idx}, {@code libsvm}, or a Tribuo {@code DataSource} or {@code Dataset} built in
 * the script); a relative path is resolved against the script's folder first, then the working directory.
 */
public class DataBlock {
    static final java.util.List<String> KEYWORDS =
            java.util.List.of("train", "test", "csv", "idx", "libsvm", "dev", "split", "scale");
    /** What a source's {@code task:} can say. */
    static final java.util.List<String> TASKS = java.util.List.of("classification", "regression");

    private final Session session;
    Source<?> train;
    Source<?> test;
    double devFraction;
    double testFraction;
    long splitSeed = 1;
    Scaling.Kind scaling = Scaling.Kind.NONE;

    DataBlock(Session session) {
        this.session = session;
    }

    /** The training examples: class labels ({@code Label}) or regression targets ({@code Regressor}). */
    public void train(Source<?> source) {
        this.train = source;
        checkTest();
    }

    /** Training examples a script built itself, as a Tribuo data source of labels or regressors. */
    public void train(DataSource<?> source) {
        train(inMemory(source, source.getOutputFactory(), "the training data source"));
    }

    /** Training examples a script built itself, as a Tribuo dataset. */
    public void train(Dataset<?> dataset) {
        train(inMemory(dataset, dataset.getOutputFactory(), "the training dataset"));
    }

    /** Held-out test examples; without them, use {@code split test: 0.2}. */
    public void test(Source<?> source) {
        this.test = source;
        checkTest();
    }

    public void test(DataSource<?> source) {
        test(inMemory(source, source.getOutputFactory(), "the test data source"));
    }

    public void test(Dataset<?> dataset) {
        test(inMemory(dataset, dataset.getOutputFactory(), "the test dataset"));
    }

    /** Once both are given (in either order), at the line of the second: the test set must fit the training data. */
    private void checkTest() {
        if (train != null && test != null) {
            TestSetCheck.check(train, test);
        }
    }

    /** Only what a network can learn from: class labels or regression targets. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Source<?> inMemory(Iterable<?> examples, OutputFactory<?> factory, String what) {
        if (!(factory instanceof LabelFactory) && !(factory instanceof RegressionFactory)) {
            throw new DslException(what + " gives " + factory.getUnknownOutput().getClass().getSimpleName()
                    + " outputs; Tensile trains on class labels (Label) or regression targets (Regressor)");
        }
        return Sources.inMemory((Iterable) examples, (OutputFactory) factory, what);
    }

    /** Holds out this fraction of the training examples as a dev set, evaluated after every epoch. */
    public void dev(double fraction) {
        this.devFraction = checkFraction("dev", fraction);
    }

    /** {@code split test: 0.2, dev: 0.1, seed: 7}: fractions of the training examples to hold out. */
    public void split(
            @NamedParam(value = "test", type = Double.class)
            @NamedParam(value = "dev", type = Double.class)
            @NamedParam(value = "seed", type = Long.class)
            Map<String, Object> args) {
        for (Map.Entry<String, Object> e : args.entrySet()) {
            switch (e.getKey()) {
                case "test" -> testFraction = checkFraction("test", number(e.getValue(), "split test"));
                case "dev" -> devFraction = checkFraction("dev", number(e.getValue(), "split dev"));
                case "seed" -> splitSeed = (long) number(e.getValue(), "split seed");
                default -> throw new DslException("split has no option '" + e.getKey() + "' (options: test, dev, seed)");
            }
        }
    }

    /**
     * {@code scale 'min-max'} (each feature to [0, 1]) or {@code scale 'z-score'} (mean 0, deviation 1): Tribuo's
     * transformations, fitted on the training set only and applied to dev, test and every later prediction.
     */
    public void scale(String name) {
        this.scaling = Scaling.Kind.parse(name);
    }

    /**
     * A CSV file with a header row; {@code response} names the label column. {@code task: 'regression'} reads it
     * as numbers ({@code 'classification'}, the default, as class labels; a model with a regression loss reads the
     * labels as numbers anyway). {@code separator: ';'} (or {@code '\t'}) reads a file whose cells are not separated
     * by commas.
     */
    public Source<?> csv(
            @NamedParam(value = "response", type = String.class, required = true)
            @NamedParam(value = "task", type = String.class)
            @NamedParam(value = "shape", type = java.util.List.class)
            @NamedParam(value = "separator", type = String.class)
            Map<String, Object> args, String path) {
        Object response = args.get("response");
        if (!(response instanceof CharSequence)) {
            throw new DslException("csv('" + path + "') needs response: 'column name' for the label column");
        }
        for (String k : args.keySet()) {
            if (!CSV_OPTIONS.contains(k)) {
                throw new DslException("csv has no option '" + k + "'"
                        + dev.tensile.plugin.Suggestions.closest(k, CSV_OPTIONS).map(s -> "; did you mean '" + s + "'?").orElse("")
                        + " (options: " + String.join(", ", CSV_OPTIONS) + ")");
            }
        }
        char separator = separator(args.getOrDefault("separator", ","), path);
        // A URI (hdfs://, s3a://) is read through the spark module's Hadoop file systems into a local copy.
        Path file = dev.tensile.distributed.RemoteFiles.isUri(path) ? dev.tensile.distributed.RemoteFiles.fetch(path)
                : session.resolve(path);
        Source<?> source = regression(args, "csv")
                ? Sources.csv(file, response.toString(), new RegressionFactory(), separator)
                : Sources.csv(file, response.toString(), new LabelFactory(), separator);
        return args.containsKey("shape") ? source.withShape(shape(args.get("shape"), path)) : source;
    }

    static final java.util.List<String> CSV_OPTIONS = java.util.List.of("response", "task", "shape", "separator");

    /** {@code separator: ';'}: one character, not a quote or a line break (a tab is written '\t'). */
    private static char separator(Object v, String path) {
        String s = v.toString();
        if (s.length() != 1 || s.charAt(0) == '"' || s.charAt(0) == '\n' || s.charAt(0) == '\r') {
            throw new DslException("csv('" + path + "') separator must be one character such as ';' or '\\t', got '"
                    + dev.tensile.Printable.escape(s) + "'");
        }
        return s.charAt(0);
    }

    /** {@code shape: [28, 28, 1]}: the pixels of each row are an image [height, width, channels], channels last. */
    private static dev.tensile.spi.Shape shape(Object v, String path) {
        if (!(v instanceof java.util.List<?> list) || list.isEmpty()) {
            throw new DslException("csv('" + path + "') shape must be a list of sizes such as [28, 28, 1], got " + v);
        }
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (Object d : list) {
            if (!(d instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1) {
                throw new DslException("csv('" + path + "') shape must be a list of whole sizes from 1 up, got " + v);
            }
            dims.add(n.intValue());
        }
        return dev.tensile.spi.Shape.of(dims);
    }

    public Source<Label> csv(String path) {
        throw new DslException("csv('" + path + "') needs response: 'column name' for the label column");
    }

    /** An IDX pair, plain or gzip'd (MNIST, Fashion-MNIST): pixel i becomes input i, values raw (0-255 for bytes). */
    public Source<Label> idx(String images, String labels) {
        return Sources.idx(session.resolve(images), session.resolve(labels), new LabelFactory());
    }

    /** A LibSVM file, {@code label index:value ...} per line; feature index i becomes input i - 1 (input i if the file counts from 0). */
    public Source<Label> libsvm(String path) {
        return Sources.libsvm(session.resolve(path), new LabelFactory());
    }

    /** {@code libsvm('file', task: 'regression')}: the first value of each line is a regression target. */
    public Source<?> libsvm(@NamedParam(value = "task", type = String.class) Map<String, Object> args, String path) {
        for (String k : args.keySet()) {
            if (!k.equals("task")) {
                throw new DslException("libsvm has no option '" + k + "' (options: task)");
            }
        }
        return regression(args, "libsvm") ? Sources.libsvm(session.resolve(path), new RegressionFactory())
                : libsvm(path);
    }

    private static boolean regression(Map<String, Object> args, String source) {
        Object task = args.getOrDefault("task", "classification");
        if (!TASKS.contains(task.toString())) {
            throw new DslException(source + " task: must be 'classification' or 'regression', got '" + task + "'");
        }
        return "regression".equals(task.toString());
    }

    private static double number(Object v, String what) {
        if (!(v instanceof Number n)) {
            throw new DslException(what + " must be a number, got " + v);
        }
        return n.doubleValue();
    }

    private static double checkFraction(String what, double f) {
        if (!(f >= 0 && f < 1)) {
            throw new DslException(what + " fraction must be in [0, 1), got " + f);
        }
        return f;
    }
}
