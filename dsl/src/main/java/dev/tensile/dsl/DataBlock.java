package dev.tensile.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.tribuo.DataSource;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.csv.CSVLoader;

import dev.tensile.data.DataException;

/**
 * The {@code data { }} block: where examples come from and how they are split. Sources are Tribuo data sources;
 * a relative path is resolved against the script's folder first, then the working directory.
 */
public class DataBlock {
    static final java.util.List<String> KEYWORDS = java.util.List.of("train", "test", "csv", "dev", "split");

    private final Session session;
    DataSource<Label> train;
    DataSource<Label> test;
    double devFraction;
    double testFraction;
    long splitSeed = 1;

    DataBlock(Session session) {
        this.session = session;
    }

    /** The training examples. */
    public void train(DataSource<Label> source) {
        this.train = source;
    }

    /** Held-out test examples; without them, use {@code split test: 0.2}. */
    public void test(DataSource<Label> source) {
        this.test = source;
    }

    /** Holds out this fraction of the training examples as a dev set, evaluated after every epoch. */
    public void dev(double fraction) {
        this.devFraction = checkFraction("dev", fraction);
    }

    /** {@code split test: 0.2, dev: 0.1, seed: 7}: fractions of the training examples to hold out. */
    public void split(Map<String, Object> args) {
        for (Map.Entry<String, Object> e : args.entrySet()) {
            switch (e.getKey()) {
                case "test" -> testFraction = checkFraction("test", number(e.getValue(), "split test"));
                case "dev" -> devFraction = checkFraction("dev", number(e.getValue(), "split dev"));
                case "seed" -> splitSeed = (long) number(e.getValue(), "split seed");
                default -> throw new DslException("split has no option '" + e.getKey() + "' (options: test, dev, seed)");
            }
        }
    }

    /** A CSV file with a header row; {@code response} names the label column. */
    public DataSource<Label> csv(Map<String, Object> args, String path) {
        Object response = args.get("response");
        if (!(response instanceof CharSequence)) {
            throw new DslException("csv('" + path + "') needs response: 'column name' for the label column");
        }
        Path file = session.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new DataException("data file not found: " + file);
        }
        try {
            return new CSVLoader<>(new LabelFactory()).loadDataSource(file, response.toString());
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": " + firstLine(e), e);
        }
    }

    public DataSource<Label> csv(String path) {
        throw new DslException("csv('" + path + "') needs response: 'column name' for the label column");
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
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
