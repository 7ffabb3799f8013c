package dev.tensile.dsl;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.TrainTestSplitter;
import org.tribuo.regression.Regressor;

import dev.tensile.data.Scaling;
import dev.tensile.data.Source;
import dev.tensile.data.Sources;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.NetworkTrainer;
import dev.tensile.tribuo.TensileRegressionTrainer;
import dev.tensile.tribuo.TensileTrainer;

/**
 * The examples a {@code data { }} block gives, split into training, dev and test sets (Tribuo's
 * {@link TrainTestSplitter}: test first, then dev out of what is left), with the source and scaling it named.
 * Class labels ({@code Label}) unless the block read a regression source; a model with a regression loss trains
 * on {@link #forLoss the same split} with the labels read as numbers.
 *
 * @param <T> {@code Label} or {@code Regressor}
 */
final class DataSplits<T extends Output<T>> {
    private final Dataset<T> train;
    private final Dataset<T> dev;
    private final Dataset<T> test;
    private final Source<T> source;
    private final Source<T> testSource;
    private final DataBlock block;
    private DataSplits<Regressor> asRegression;

    private DataSplits(Source<T> source, Source<T> testSource, DataBlock block) {
        this.source = source;
        this.testSource = testSource;
        this.block = block;
        DataSource<T> trainData = source.data();
        DataSource<T> testData = testSource == null ? null : testSource.data();
        if (block.testFraction > 0) {
            if (testData != null) {
                throw new DslException("data { } has both a test source and split test: choose one");
            }
            TrainTestSplitter<T> s = new TrainTestSplitter<>(trainData, 1 - block.testFraction, block.splitSeed);
            trainData = s.getTrain();
            testData = s.getTest();
        }
        DataSource<T> devData = null;
        if (block.devFraction > 0) {
            TrainTestSplitter<T> s = new TrainTestSplitter<>(trainData, 1 - block.devFraction, block.splitSeed + 1);
            trainData = s.getTrain();
            devData = s.getTest();
        }
        this.train = new MutableDataset<>(trainData);
        this.dev = devData == null ? null : new MutableDataset<>(devData);
        this.test = testData == null ? null : new MutableDataset<>(testData);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static DataSplits<?> of(DataBlock block) {
        if (block.train == null) {
            throw new DslException("data { } needs a training source, e.g. train csv('file.csv', response: 'label')");
        }
        if (block.test != null && block.test.regression() != block.train.regression()) {
            throw new DslException("data { } reads the training data for " + task(block.train.regression())
                    + " but the test data for " + task(block.test.regression()) + ": give both the same task:");
        }
        return new DataSplits(block.train, block.test, block);
    }

    private static String task(boolean regression) {
        return regression ? "regression" : "classification";
    }

    Dataset<T> train() {
        return train;
    }

    /** Null when the block asked for no dev set. */
    Dataset<T> dev() {
        return dev;
    }

    /** Null when the block gave no test source and no {@code split test:}. */
    Dataset<T> test() {
        return test;
    }

    Source<T> source() {
        return source;
    }

    Scaling.Kind scaling() {
        return block.scaling;
    }

    boolean regression() {
        return source.regression();
    }

    /**
     * The data as a model with this loss trains on it: as read for a classification loss; for a regression loss
     * the same split with each label read as a number (the same seeds on as many examples split alike).
     */
    @SuppressWarnings("unchecked")
    DataSplits<?> forLoss(boolean classificationLoss, String loss) {
        if (classificationLoss == !regression()) {
            return this;
        }
        if (classificationLoss) {
            throw new DslException("the data { } block reads a regression response (task: 'regression') but the"
                    + " model's loss '" + loss + "' classifies: use loss: 'mse' with activation: 'identity'");
        }
        if (asRegression == null) {
            DataSplits<Label> labels = (DataSplits<Label>) this;
            asRegression = new DataSplits<>(Sources.asRegression(labels.source),
                    labels.testSource == null ? null : Sources.asRegression(labels.testSource), block);
        }
        return asRegression;
    }

    /** A trainer for this data: a classifier's for labels, a regressor's for numbers. */
    @SuppressWarnings("unchecked")
    NetworkTrainer<T, ?> trainer(ModelSpec spec, TrainPlan plan, PluginRegistry registry, NetworkBuilder builder) {
        return regression()
                ? (NetworkTrainer<T, ?>) (Object) new TensileRegressionTrainer(spec, plan, registry, builder, block.scaling)
                : (NetworkTrainer<T, ?>) (Object) new TensileTrainer(spec, plan, registry, builder, block.scaling);
    }

    /** One line of sizes (and one on scaling, if any), as a script prints after its data { } block. */
    void describe(PrintStream out) {
        int features = source.width() > 0 ? source.width() : train.getFeatureMap().size();
        out.printf("data: %d train, %s dev, %s test examples; %d features, %s%n", train.size(),
                dev == null ? "no" : dev.size(), test == null ? "no" : test.size(), features,
                regression() ? "regression on '" + String.join("', '", outputNames()) + "'"
                        : train.getOutputInfo().size() + " classes");
        if (!regression()) {
            numericLabelsNote(out);
        }
        if (block.scaling != Scaling.Kind.NONE) {
            out.println("scaling: " + block.scaling.label() + ", fitted on the training set when training starts");
        }
    }

    /**
     * Labels that are all numbers, with fractions or more than {@value #MANY_CLASSES} distinct values, look like a
     * continuous response read as classes: say so, and how to regress instead.
     */
    private void numericLabelsNote(PrintStream out) {
        Set<String> labels = new HashSet<>();
        boolean fractions = false;
        for (Example<T> ex : train) {
            String l = ((Label) ex.getOutput()).getLabel();
            double v;
            try {
                v = Double.parseDouble(l);
            } catch (NumberFormatException e) {
                return;
            }
            fractions |= v != Math.rint(v);
            labels.add(l);
        }
        if (fractions || labels.size() > MANY_CLASSES) {
            String name = source.response() != null ? "'" + source.response() + "'" : "the response";
            out.printf("note: %s has %d distinct numeric values, read as %d classes; to predict the number instead,"
                    + " give the output activation: 'identity', loss: 'mse' (regression)%n", name, labels.size(), labels.size());
        }
    }

    /** More distinct whole-number labels than this look like a count or a measurement rather than classes. */
    private static final int MANY_CLASSES = 20;

    private Set<String> outputNames() {
        Set<String> names = new java.util.TreeSet<>();
        for (Example<T> ex : train) {
            names.addAll(java.util.List.of(((Regressor) ex.getOutput()).getNames()));
        }
        return names;
    }
}
