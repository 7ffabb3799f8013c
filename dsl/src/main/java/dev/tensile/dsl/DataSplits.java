package dev.tensile.dsl;

import java.io.PrintStream;

import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.TrainTestSplitter;

import dev.tensile.data.Scaling;
import dev.tensile.data.Source;

/**
 * The examples a {@code data { }} block gives, split into training, dev and test sets (Tribuo's
 * {@link TrainTestSplitter}: test first, then dev out of what is left), with the source and scaling it named.
 *
 * @param dev  null when the block asked for no dev set
 * @param test null when the block gave no test source and no {@code split test:}
 */
record DataSplits(Dataset<Label> train, Dataset<Label> dev, Dataset<Label> test, Source<Label> source,
                  Scaling.Kind scaling) {

    static DataSplits of(DataBlock block) {
        if (block.train == null) {
            throw new DslException("data { } needs a training source, e.g. train csv('file.csv', response: 'label')");
        }
        DataSource<Label> trainSource = block.train.data();
        DataSource<Label> testSource = block.test == null ? null : block.test.data();
        if (block.testFraction > 0) {
            if (testSource != null) {
                throw new DslException("data { } has both a test source and split test: choose one");
            }
            TrainTestSplitter<Label> s = new TrainTestSplitter<>(trainSource, 1 - block.testFraction, block.splitSeed);
            trainSource = s.getTrain();
            testSource = s.getTest();
        }
        DataSource<Label> devSource = null;
        if (block.devFraction > 0) {
            TrainTestSplitter<Label> s = new TrainTestSplitter<>(trainSource, 1 - block.devFraction, block.splitSeed + 1);
            trainSource = s.getTrain();
            devSource = s.getTest();
        }
        return new DataSplits(new MutableDataset<>(trainSource),
                devSource == null ? null : new MutableDataset<>(devSource),
                testSource == null ? null : new MutableDataset<>(testSource), block.train, block.scaling);
    }

    /** One line of sizes (and one on scaling, if any), as a script prints after its data { } block. */
    void describe(PrintStream out) {
        out.printf("data: %d train, %s dev, %s test examples; %d features, %d classes%n", train.size(),
                dev == null ? "no" : dev.size(), test == null ? "no" : test.size(),
                source.width() > 0 ? source.width() : train.getFeatureMap().size(), train.getOutputInfo().size());
        if (scaling != Scaling.Kind.NONE) {
            out.println("scaling: " + scaling.label() + ", fitted on the training set when training starts");
        }
    }
}
