package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.tensile.data.Scaling;
import dev.tensile.nn.PluginRef;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * Files written by the Tensiles before format version 3 (committed under {@code legacy-model-files/}, made by the
 * program and commands in its README): version 1 by 4182232, version 2 (scaled) by d75542c. Each loads and predicts
 * what the Tensile that wrote it predicted, and each checkpoint resumes to what that Tensile's resume gave.
 *
 * <p>Today the scores match bit for bit, resumed runs included. The test allows 1e-5 because the writers ran other
 * GEMM kernels (their provenance says which) and a future kernel may sum a dot product in another order, which moves
 * float32 results by about 1e-7 and two epochs of Adam may grow that; a file read wrongly (a weight transposed, the
 * scaling or a layer dropped) moves the scores by far more.
 */
class LegacyModelFilesTest {
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"v1-classifier, 1, NONE", "v2-scaled-classifier, 2, Z_SCORE"})
    void anOldModelFileLoadsAndPredictsWhatItsWriterPredicted(String name, int version, Scaling.Kind scaling) throws IOException {
        Path file = fixture(name + ".tensile");
        assertThat(manifest(file)).contains("\"formatVersion\" : " + version + ",", "\"type\" : \"dense\"",
                "\"type\" : \"activation-regularizer\"");
        TensileModel model = ModelFiles.load(file, Fixtures.REGISTRY);
        assertThat(model.scaling().kind()).isEqualTo(scaling);
        assertThat(model.spec()).isEqualTo(Fixtures.SPEC);
        assertPredicts(model, name + ".expected.csv");
    }

    @ParameterizedTest
    @CsvSource({"v1, 1, NONE", "v2-scaled, 2, Z_SCORE"})
    void anOldCheckpointResumesToWhatItsWriterResumedTo(String prefix, int version, Scaling.Kind scaling) throws IOException {
        Path file = fixture(prefix + "-checkpoint.tensile");
        assertThat(manifest(file)).contains("\"formatVersion\" : " + version + ",", "\"kind\" : \"checkpoint\"");
        Checkpoints.Checkpoint c = Checkpoints.load(file, Fixtures.BUILDER);
        assertThat(c.state().epochsDone()).isEqualTo(2);
        assertThat(c.optimizer()).isEqualTo(new PluginRef("adam", Map.of("lr", 0.01)));
        TensileModel model = (TensileModel) c.model();
        model.resumeFrom(c.state());
        TrainPlan plan = new TrainPlan(4, 16, 7, c.optimizer(), List.of(), List.of(), List.of(), List.of());
        new TensileTrainer(Fixtures.SPEC, plan, Fixtures.REGISTRY, Fixtures.BUILDER, scaling)
                .continueFit(model, data(fixture(prefix + "-train.csv")), null, 2);
        assertThat(model.history().epochs()).hasSize(4);
        assertPredicts(model, prefix + "-checkpoint.resumed.expected.csv");
    }

    @Test
    void anOldModelSavedAgainIsVersion3AndPredictsTheSameBits() throws IOException {
        TensileModel old = ModelFiles.load(fixture("v2-scaled-classifier.tensile"), Fixtures.REGISTRY);
        Path again = dir.resolve("again.tensile");
        ModelFiles.save(old, again, Fixtures.REGISTRY);
        assertThat(manifest(again)).contains("\"formatVersion\" : 3,", "\"layer\" : \"dropout\"")
                .doesNotContain("\"type\"");
        TensileModel reloaded = ModelFiles.load(again, Fixtures.REGISTRY);
        for (String[] row : rows(fixture("v2-scaled-classifier.expected.csv"))) {
            ArrayExample<Label> e = example(row);
            assertThat(reloaded.predict(e).getOutputScores()).isEqualTo(old.predict(e).getOutputScores());
        }
    }

    private void assertPredicts(TensileModel model, String expectedCsv) throws IOException {
        List<String[]> rows = rows(fixture(expectedCsv));
        assertThat(rows).hasSize(25);
        for (String[] row : rows) {
            Prediction<Label> p = model.predict(example(row));
            Map<String, Label> scores = p.getOutputScores();
            String at = "scores at (" + row[0] + ", " + row[1] + ")";
            assertThat(scores.get("inner").getScore()).as(at).isCloseTo(Double.parseDouble(row[2]), within(TOLERANCE));
            assertThat(scores.get("middle").getScore()).as(at).isCloseTo(Double.parseDouble(row[3]), within(TOLERANCE));
            assertThat(scores.get("outer").getScore()).as(at).isCloseTo(Double.parseDouble(row[4]), within(TOLERANCE));
        }
    }

    private static ArrayExample<Label> example(String[] row) {
        return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, new String[] {"x", "y"},
                new double[] {Double.parseDouble(row[0]), Double.parseDouble(row[1])});
    }

    /** The training set the writer used (x, y, label), as it recorded it. */
    private static MutableDataset<Label> data(Path csv) throws IOException {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance(csv.toString(), f), f);
        for (String[] r : rows(csv)) {
            d.add(new ArrayExample<>(new Label(r[2]), new String[] {"x", "y"},
                    new double[] {Double.parseDouble(r[0]), Double.parseDouble(r[1])}));
        }
        return d;
    }

    /** A CSV's rows after its header. */
    private static List<String[]> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).toList();
    }

    private static String manifest(Path file) throws IOException {
        return new String(ModelFileEdits.entries(file).get(ModelFiles.MANIFEST), StandardCharsets.UTF_8);
    }

    static Path fixture(String name) {
        try {
            return Path.of(LegacyModelFilesTest.class.getResource("/legacy-model-files/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no legacy fixture " + name, e);
        }
    }
}
