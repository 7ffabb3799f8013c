package dev.tensile.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;

import dev.tensile.data.DataException;
import dev.tensile.data.Scaling;
import dev.tensile.eval.Evaluations;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Rng;
import dev.tensile.testing.Specs;
import dev.tensile.train.TrainPlan;

/** The Tribuo trainers end to end with the built-in plugins: cross-validation, scaling, regression, provenance. */
class TrainersTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();
    private static final NetworkBuilder BUILDER = new NetworkBuilder(REGISTRY, GemmProvider.get());

    private static ModelSpec spec(int inputs, int hidden, int outputs, String outAct, String loss) {
        return new ModelSpec(inputs, List.of(Specs.dense(hidden, PluginRef.of("relu"), null)),
                Specs.dense(outputs, PluginRef.of(outAct), null), loss);
    }

    private static TrainPlan plan(int epochs, long seed) {
        return new TrainPlan(epochs, 16, seed, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(),
                List.of(), List.of());
    }

    /** Two classes apart along x by 1, spread 0.15, around an offset: separable, and far from 0 when offset is big. */
    private static MutableDataset<Label> blobs(int n, double offset, long seed) {
        Rng rng = new Rng(seed);
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", f), f);
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double x = offset + c + 0.15 * rng.gaussian();
            double y = offset + 0.15 * rng.gaussian();
            d.add(new ArrayExample<>(new Label(c == 0 ? "left" : "right"), new String[] {"x", "y"}, new double[] {x, y}));
        }
        return d;
    }

    @Test
    void tribuoCrossValidationTrainsOneModelPerFoldOnExactFolds() {
        TensileTrainer trainer = new TensileTrainer(spec(2, 16, 2, "softmax", "cross-entropy"), plan(20, 3), REGISTRY,
                BUILDER, Scaling.Kind.Z_SCORE);
        CrossValidation<Label, LabelEvaluation> cv = new CrossValidation<>(trainer, blobs(150, 0, 1), new LabelEvaluator(), 3, 9);
        List<Pair<LabelEvaluation, Model<Label>>> folds = cv.evaluate();
        assertThat(folds).hasSize(3);
        for (Pair<LabelEvaluation, Model<Label>> fold : folds) {
            assertThat(fold.getA().getPredictions()).hasSize(50);
            assertThat(fold.getA().accuracy()).isGreaterThan(0.95);
            assertThat(fold.getB()).isInstanceOf(TensileModel.class);
        }
        assertThat(trainer.getInvocationCount()).isEqualTo(3);
    }

    @Test
    void theModelAppliesTheScalingFittedOnTrainingDataToRawExamples() {
        // Inputs near 1000 with a spread of 0.15: z-scored they are easy, raw they would swamp the network.
        MutableDataset<Label> train = blobs(200, 1000, 1);
        MutableDataset<Label> test = blobs(200, 1000, 2);
        TensileTrainer trainer = new TensileTrainer(spec(2, 16, 2, "softmax", "cross-entropy"), plan(20, 3), REGISTRY,
                BUILDER, Scaling.Kind.Z_SCORE);
        TensileModel model = trainer.fit(train, null, Map.of());
        assertThat(model.scaling().kind()).isEqualTo(Scaling.Kind.Z_SCORE);
        // The training mean of x (about 1000.5) maps to 0: the statistics are the training set's.
        double meanX = 0;
        for (Example<Label> ex : train) {
            meanX += ex.lookup("x").getValue();
        }
        meanX /= train.size();
        dev.tensile.tensor.Matrix m = new dev.tensile.tensor.Matrix(1, 2);
        m.set(0, model.layout().column("x"), (float) meanX);
        model.scaling().apply(m);
        assertThat(m.get(0, model.layout().column("x"))).isCloseTo(0f, org.assertj.core.api.Assertions.within(1e-3f));
        // Predictions take raw examples: the model scales them itself.
        assertThat(Evaluations.classification(model, test, "the test set").accuracy()).isGreaterThan(0.97);
    }

    @Test
    void continuingARunFeedsTheDataThroughTheModelsOwnLayoutAndScaling() {
        MutableDataset<Label> train = blobs(200, 1000, 1);
        TensileTrainer trainer = new TensileTrainer(spec(2, 16, 2, "softmax", "cross-entropy"), plan(3, 3), REGISTRY,
                BUILDER, Scaling.Kind.Z_SCORE);
        TensileModel model = trainer.fit(train, null, Map.of());
        trainer.continueFit(model, train, null, 12);
        assertThat(model.history().epochs()).hasSize(15);
        // Had the raw inputs (about 1000) reached the network unscaled, these epochs would have wrecked it.
        assertThat(Evaluations.classification(model, blobs(200, 1000, 2), "the test set").accuracy()).isGreaterThan(0.97);
    }

    private static MutableDataset<Regressor> plane(int n, long seed) {
        Rng rng = new Rng(seed);
        OutputFactory<Regressor> f = new RegressionFactory();
        MutableDataset<Regressor> d = new MutableDataset<>(new SimpleDataSourceProvenance("plane", f), f);
        for (int i = 0; i < n; i++) {
            double a = rng.uniform(-1, 1);
            double b = rng.uniform(-1, 1);
            double y = 2 * a - 3 * b + 1 + 0.1 * rng.gaussian();
            d.add(new ArrayExample<>(new Regressor("y", y), new String[] {"a", "b"}, new double[] {a, b}));
        }
        return d;
    }

    @Test
    void aRegressionNetworkFitsAPlaneDownToTheNoise() {
        TensileRegressionTrainer trainer = new TensileRegressionTrainer(spec(2, 32, 1, "identity", "mse"), plan(60, 5),
                REGISTRY, BUILDER, Scaling.Kind.NONE);
        TensileRegressionModel model = trainer.train(plane(400, 1));
        RegressionEvaluation e = Evaluations.regression(model, plane(200, 2), "the test set");
        Regressor y = new Regressor("y", Double.NaN);
        // The noise has deviation 0.1, so no model's RMSE can be much below it; y's variance is 4/3 + 3 + 0.01.
        assertThat(e.rmse(y)).isBetween(0.08, 0.2);
        assertThat(e.mae(y)).isLessThan(0.16);
        assertThat(e.r2(y)).isGreaterThan(0.99);
        assertThat(Evaluations.report(e)).contains("RMSE").contains("R^2");
    }

    @Test
    void provenanceRecordsArchitectureHyperparametersPluginsAndSeed() {
        TensileTrainer trainer = new TensileTrainer(spec(2, 16, 2, "softmax", "cross-entropy"), plan(2, 7), REGISTRY,
                BUILDER, Scaling.Kind.MIN_MAX);
        TensileModel model = trainer.train(blobs(40, 0, 1));
        Map<String, Provenance> p = model.getProvenance().getTrainerProvenance().getConfiguredParameters();
        assertThat(p.get("seed").toString()).isEqualTo("7");
        assertThat(p.get("epochs").toString()).isEqualTo("2");
        assertThat(p.get("batchSize").toString()).isEqualTo("16");
        assertThat(p.get("scaling").toString()).isEqualTo("min-max");
        assertThat(p.get("architecture").toString()).contains("relu").contains("softmax").contains("cross-entropy");
        assertThat(p.get("training").toString()).contains("adam");
        assertThat(p.get("plugins").toString()).contains("activation relu", "optimizer adam", "loss cross-entropy");
        assertThat(p).containsKey("tensileVersion");
    }

    @Test
    void aTrainerRefusesALossOfTheWrongKind() {
        TensileRegressionTrainer regression = new TensileRegressionTrainer(spec(2, 4, 1, "softmax", "cross-entropy"),
                plan(1, 1), REGISTRY, BUILDER, Scaling.Kind.NONE);
        assertThatThrownBy(() -> regression.train(plane(20, 1))).isInstanceOf(DataException.class)
                .hasMessage("regression needs a regression loss (loss: 'mse'), the model's loss is 'cross-entropy'");
        TensileTrainer classifier = new TensileTrainer(spec(2, 4, 2, "identity", "mse"), plan(1, 1), REGISTRY, BUILDER);
        assertThatThrownBy(() -> classifier.train(blobs(20, 0, 1))).isInstanceOf(DataException.class)
                .hasMessageStartingWith("classifying labels needs a classification loss");
    }

    @Test
    void evaluationRefusesALabelTrainingNeverSaw() {
        TensileModel model = new TensileTrainer(spec(2, 4, 2, "softmax", "cross-entropy"), plan(1, 1), REGISTRY, BUILDER)
                .train(blobs(20, 0, 1));
        MutableDataset<Label> other = blobs(4, 0, 2);
        other.add(new ArrayExample<>(new Label("up"), new String[] {"x", "y"}, new double[] {0, 1}));
        assertThatThrownBy(() -> Evaluations.classification(model, other, "the test set"))
                .isInstanceOf(DataException.class)
                .hasMessage("the test set has label 'up', which the training data never had (labels: left, right)");
    }
}
