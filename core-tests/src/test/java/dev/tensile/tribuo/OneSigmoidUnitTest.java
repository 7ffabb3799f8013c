package dev.tensile.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.tensile.data.DataException;
import dev.tensile.data.Scaling;
import dev.tensile.data.TribuoData;
import dev.tensile.io.ModelFiles;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.GradientChecker;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.testing.Specs;
import dev.tensile.train.TrainPlan;

/**
 * Two classes from one sigmoid unit with binary cross-entropy (Keras's {@code Dense(1, 'sigmoid')}): the unit's
 * output is the probability of the second class, predictions carry both, Tribuo's evaluation works on them, and the
 * network's gradients are the loss's.
 */
class OneSigmoidUnitTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();
    private static final NetworkBuilder BUILDER = new NetworkBuilder(REGISTRY, GemmProvider.get());

    @TempDir
    Path dir;

    private static ModelSpec spec(int outputs, String activation, String loss) {
        return new ModelSpec(2, List.of(Specs.dense(8, PluginRef.of("tanh"), null)),
                Specs.dense(outputs, PluginRef.of(activation), null), loss);
    }

    private static TensileTrainer trainer(ModelSpec spec) {
        return new TensileTrainer(spec, new TrainPlan(30, 16, 3, new PluginRef("adam", Map.of("lr", 0.02)), List.of(),
                List.of(), List.of(), List.of()), REGISTRY, BUILDER, Scaling.Kind.Z_SCORE);
    }

    /** {@code classes} blobs along x, one unit apart, spread 0.2. */
    private static MutableDataset<Label> blobs(int n, int classes, long seed) {
        Rng rng = new Rng(seed);
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", f), f);
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            d.add(new ArrayExample<>(new Label("c" + c), new String[] {"x", "y"},
                    new double[] {c + 0.2 * rng.gaussian(), 0.2 * rng.gaussian()}));
        }
        return d;
    }

    @Test
    void theNetworksGradientsMatchCentralDifferences() {
        Network net = BUILDER.build(spec(1, "sigmoid", "binary-cross-entropy"), 5).network();
        Rng rng = new Rng(6);
        Matrix x = new Matrix(6, 2);
        Matrix y = new Matrix(6, 1);
        for (int i = 0; i < 6; i++) {
            x.data()[2 * i] = (float) rng.gaussian();
            x.data()[2 * i + 1] = (float) rng.gaussian();
            y.data()[i] = i % 2;
        }
        // float32 network: gradients below 1e-2 are held to 1e-4 absolute (see GradientCheckerTest)
        GradientChecker.Report r = new GradientChecker(1e-2, 1e-2).check(net, x, y);
        assertThat(r.checked()).isEqualTo(2 * 8 + 8 + 8 + 1);
        assertThat(r.maxRelativeError()).as(r.toString()).isLessThan(1e-2);
    }

    @Test
    void predictionsGiveBothClassesAndTribuoEvaluatesThem() {
        MutableDataset<Label> train = blobs(200, 2, 1);
        TensileModel model = trainer(spec(1, "sigmoid", "binary-cross-entropy")).train(train);
        assertThat(TribuoData.binaryTargets(train, model.getOutputIDInfo()).cols()).isEqualTo(1);
        MutableDataset<Label> test = blobs(100, 2, 2);
        LabelEvaluation e = new LabelEvaluator().evaluate(model, test);
        assertThat(e.accuracy()).isGreaterThan(0.95);
        for (Prediction<Label> p : e.getPredictions()) {
            Map<String, Label> scores = p.getOutputScores();
            assertThat(scores).containsOnlyKeys("c0", "c1");
            assertThat(scores.get("c0").getScore() + scores.get("c1").getScore()).isCloseTo(1, within(1e-6));
            String top = scores.get("c1").getScore() > 0.5 ? "c1" : "c0";
            assertThat(p.getOutput().getLabel()).isEqualTo(top);
            assertThat(p.getOutput().getScore()).isEqualTo(scores.get(top).getScore());
        }
        // the history's accuracy comes from the unit's sign (a one-column argmax would call every row right)
        Matrix logits = Matrix.of(new float[][] {{2f}, {-1f}, {0.5f}});
        Matrix targets = Matrix.of(new float[][] {{1f}, {1f}, {0f}});
        assertThat(dev.tensile.train.Metrics.countCorrect(logits, targets)).isEqualTo(1);

        Path file = dir.resolve("binary.tensile");
        ModelFiles.save(model, file, REGISTRY);
        TensileModel loaded = ModelFiles.load(file, REGISTRY);
        for (int i = 0; i < 10; i++) {
            assertThat(loaded.predict(test.getExample(i)).getOutputScores().get("c1").getScore())
                    .isEqualTo(model.predict(test.getExample(i)).getOutputScores().get("c1").getScore());
        }
    }

    @Test
    void oneUnitForThreeClassesSaysWhatToUse() {
        assertThatThrownBy(() -> trainer(spec(1, "sigmoid", "binary-cross-entropy")).train(blobs(90, 3, 1)))
                .isInstanceOf(DataException.class)
                .hasMessage("one sigmoid unit with binary cross-entropy tells two classes apart, but the training data has"
                        + " 3 classes (c0, c1, c2): use output 3, activation: 'softmax', loss: 'cross-entropy'");
    }
}
