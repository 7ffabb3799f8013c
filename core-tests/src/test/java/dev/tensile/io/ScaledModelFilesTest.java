package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.tensile.data.Scaling;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.testing.Specs;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * Models trained with min-max or z-score scaling: the fitted statistics go into model.json as exact doubles, a
 * loaded model scales and predicts bit for bit as the saved one, a scaled run checkpointed and resumed ends with the
 * uninterrupted run's weights, and a damaged scaling section is refused in one line.
 */
class ScaledModelFilesTest {
    /** x and y far from 0 and unit scale (so the scaling matters), and a column c that is constant in training. */
    private static final ModelSpec SPEC = new ModelSpec(3, List.of(
            Specs.dense(12, PluginRef.of("relu"), null),
            Specs.dropout(0.1)),
            Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");
    private static final MutableDataset<Label> TRAIN = data(150, 1, false);
    private static final MutableDataset<Label> DEV = data(30, 2, false);
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    static MutableDataset<Label> data(int n, long seed, boolean varyC) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("shifted rings", f), f);
        for (var ex : Fixtures.rings(n, seed)) {
            double x = ex.lookup("x").getValue();
            double y = ex.lookup("y").getValue();
            d.add(new ArrayExample<>(ex.getOutput(), new String[] {"c", "x", "y"},
                    new double[] {varyC ? seed + x : 4, 1000 + 300 * x, -20 + 0.01 * y}));
        }
        return d;
    }

    private static TrainPlan plan(Callback.Listener... listeners) {
        return new TrainPlan(EPOCHS, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(new PluginRef("gaussian-noise", Map.of("std", 0.05))), List.of(), List.of(listeners));
    }

    private static TensileModel trained(Scaling.Kind kind, Callback.Listener... listeners) {
        return new TensileTrainer(SPEC, plan(listeners), Fixtures.REGISTRY, Fixtures.BUILDER, kind).fit(TRAIN, DEV, Map.of());
    }

    @Test
    void minMaxAndZScoreModelsPredictBitForBitAfterLoading() throws IOException {
        for (Scaling.Kind kind : List.of(Scaling.Kind.MIN_MAX, Scaling.Kind.Z_SCORE)) {
            TensileModel model = trained(kind);
            Path file = dir.resolve(kind.label() + ".tensile");
            ModelFiles.save(model, file, Fixtures.REGISTRY);
            TensileModel loaded = ModelFiles.load(file, Fixtures.REGISTRY);

            assertThat(loaded.scaling().kind()).isEqualTo(kind);
            double[][] saved = model.scaling().statistics();
            double[][] read = loaded.scaling().statistics();
            assertThat(read.length).isEqualTo(saved.length);
            assertThat(saved[0]).as("c is constant in training").isNull();
            assertThat(read[0]).isNull();
            for (int c = 1; c < saved.length; c++) {
                for (int k = 0; k < 2; k++) {
                    assertThat(Double.doubleToRawLongBits(read[c][k])).as(kind.label() + " column " + c)
                            .isEqualTo(Double.doubleToRawLongBits(saved[c][k]));
                }
            }
            // Raw examples, inside and outside the training range, and with the constant column varying.
            List<Prediction<Label>> p = model.predict(data(200, 9, true));
            List<Prediction<Label>> q = loaded.predict(data(200, 9, true));
            for (int i = 0; i < p.size(); i++) {
                for (String label : List.of("outer", "inner", "middle")) {
                    assertThat(Double.doubleToRawLongBits(q.get(i).getOutputScores().get(label).getScore()))
                            .as(kind.label() + " example " + i + " " + label)
                            .isEqualTo(Double.doubleToRawLongBits(p.get(i).getOutputScores().get(label).getScore()));
                }
            }
            JsonNode json = new ObjectMapper().readTree(ModelFileEdits.entries(file).get(ModelFiles.MANIFEST));
            assertThat(json.get("formatVersion").asInt()).isEqualTo(3);
            assertThat(json.get("scaling").get("kind").asText()).isEqualTo(kind.label());
            assertThat(json.get("scaling").get("columns").get(0).toString()).isEqualTo("{\"zero\":true}");
            assertThat(json.get("scaling").get("columns").get(1).fieldNames()).toIterable().containsExactlyElementsOf(
                    kind == Scaling.Kind.MIN_MAX ? List.of("min", "max") : List.of("mean", "stdDev"));
            // A loaded model saved again writes the very same statistics.
            Path again = dir.resolve(kind.label() + ".again.tensile");
            ModelFiles.save(loaded, again, Fixtures.REGISTRY);
            assertThat(new ObjectMapper().readTree(ModelFileEdits.entries(again).get(ModelFiles.MANIFEST)).get("scaling"))
                    .isEqualTo(json.get("scaling"));
        }
    }

    @Test
    void anUnscaledFileHasNoScalingSectionAndLoadsWithoutScaling() throws IOException {
        Path file = dir.resolve("plain.tensile");
        ModelFiles.save(Fixtures.trained(), file, Fixtures.REGISTRY);
        String json = new String(ModelFileEdits.entries(file).get(ModelFiles.MANIFEST), StandardCharsets.UTF_8);
        assertThat(json).contains("\"formatVersion\" : 3").doesNotContain("scaling");
        assertThat(ModelFiles.load(file, Fixtures.REGISTRY).scaling().kind()).isEqualTo(Scaling.Kind.NONE);
    }

    @Test
    void aScaledRunResumedFromACheckpointEndsWithTheUninterruptedRunsWeightsBitForBit() {
        for (Scaling.Kind kind : List.of(Scaling.Kind.MIN_MAX, Scaling.Kind.Z_SCORE)) {
            TensileModel once = trained(kind);
            TensileModel first = trained(kind, new Callback.Listener() {
                @Override
                public void onEpochEnd(TrainingContext context, EpochLog log) {
                    if (log.epoch() == 2) {
                        context.requestStop("test");
                    }
                }
            });
            Path file = dir.resolve(kind.label() + ".ckpt.tensile");
            Checkpoints.save(file, first, first.trainingState(), plan().optimizer(), Fixtures.REGISTRY);
            Checkpoints.Checkpoint c = Checkpoints.load(file, Fixtures.BUILDER);
            assertThat(c.state().epochsDone()).isEqualTo(2);
            TensileModel resumed = (TensileModel) c.model();
            assertThat(resumed.scaling().kind()).isEqualTo(kind);
            resumed.resumeFrom(c.state());
            new TensileTrainer(SPEC, plan(), Fixtures.REGISTRY, Fixtures.BUILDER, kind)
                    .continueFit(resumed, TRAIN, DEV, EPOCHS - 2);
            List<Parameter> a = once.network().parameters();
            List<Parameter> b = resumed.network().parameters();
            for (int i = 0; i < a.size(); i++) {
                assertThat(ModelFilesTest.bits(b.get(i).value())).as(kind.label() + " " + a.get(i).name())
                        .containsExactly(ModelFilesTest.bits(a.get(i).value()));
            }
            List<Double> la = new ArrayList<>();
            List<Double> lb = new ArrayList<>();
            once.history().epochs().forEach(e -> la.add(e.devLoss()));
            resumed.history().epochs().forEach(e -> lb.add(e.devLoss()));
            assertThat(lb).as(kind.label() + " dev losses, scaled by the restored statistics").isEqualTo(la);
        }
    }

    // ---- damaged scaling sections ----

    private Path scaledFile() {
        Path file = dir.resolve("good.tensile");
        ModelFiles.save(Fixtures.fixedScaled(), file, Fixtures.REGISTRY);
        return file;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> loading(String name, UnaryOperator<String> edit) throws IOException {
        Path out = dir.resolve(name);
        ModelFileEdits.rewrite(scaledFile(), out, e -> {
            String json = new String(e.get(ModelFiles.MANIFEST), StandardCharsets.UTF_8);
            String edited = edit.apply(json);
            assertThat(edited).as("the edit changes model.json").isNotEqualTo(json);
            e.put(ModelFiles.MANIFEST, edited.getBytes(StandardCharsets.UTF_8));
        });
        return assertThatThrownBy(() -> ModelFiles.load(out, Fixtures.REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(out + ": ")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("unexpected problem"));
    }

    @Test
    void theFixedScaledFileHoldsWhatWasGiven() throws IOException {
        String json = new String(ModelFileEdits.entries(scaledFile()).get(ModelFiles.MANIFEST), StandardCharsets.UTF_8);
        assertThat(json.replaceAll("\\s+", "")).contains(
                "\"features\":[\"x\",\"y\"],\"scaling\":{\"kind\":\"z-score\",\"columns\":[{\"mean\":0.1,\"stdDev\":0.9},{\"zero\":true}]}");
    }

    @Test
    void damagedScalingSectionsAreRefusedInOneLine() throws IOException {
        loading("kind.tensile", j -> j.replace("\"z-score\"", "\"zscore\""))
                .hasMessageEndingWith("model.json scaling.kind is 'zscore', expected 'min-max' or 'z-score'");
        loading("count.tensile", j -> j.replace(", {\n      \"zero\" : true\n    } ]", " ]"))
                .hasMessageEndingWith("model.json scaling must list 2 columns (one per input), found 1");
        loading("zero-std.tensile", j -> j.replace("\"stdDev\" : 0.9", "\"stdDev\" : 0.0"))
                .hasMessageEndingWith("model.json scaling.columns[0] has stdDev 0.0; it must be positive"
                        + " (a column constant in training is { \"zero\" : true })");
        loading("negative-std.tensile", j -> j.replace("\"stdDev\" : 0.9", "\"stdDev\" : -0.9"))
                .hasMessageContaining("scaling.columns[0] has stdDev -0.9; it must be positive");
        // Jackson reads the string "NaN" as a double (JSON itself has no NaN); the check still refuses it.
        loading("nan.tensile", j -> j.replace("\"mean\" : 0.1", "\"mean\" : \"NaN\""))
                .hasMessageEndingWith("model.json scaling.columns[0] must have finite mean and stdDev");
        loading("string.tensile", j -> j.replace("\"mean\" : 0.1", "\"mean\" : \"0.1\""))
                .hasMessageContaining("model.json is not a valid model description: Cannot coerce String value");
        loading("huge.tensile", j -> j.replace("\"mean\" : 0.1", "\"mean\" : 1e999"))
                .hasMessageEndingWith("model.json scaling.columns[0] must have finite mean and stdDev");
        loading("wrong-stats.tensile", j -> j.replace("\"mean\" : 0.1, \"stdDev\" : 0.9", "\"min\" : 0.1, \"max\" : 0.9")
                .replace("\"mean\" : 0.1,\n      \"stdDev\" : 0.9", "\"min\" : 0.1,\n      \"max\" : 0.9"))
                .hasMessageEndingWith("model.json scaling.columns[0] must give mean and stdDev (z-score scaling), or zero: true");
        loading("min-above-max.tensile", j -> j.replace("\"z-score\"", "\"min-max\"")
                .replace("\"mean\" : 0.1,\n      \"stdDev\" : 0.9", "\"min\" : 2.5,\n      \"max\" : 0.9"))
                .hasMessageEndingWith("model.json scaling.columns[0] has min 2.5 above max 0.9");
        loading("zero-false.tensile", j -> j.replace("\"zero\" : true", "\"zero\" : false"))
                .hasMessageEndingWith("model.json scaling.columns[1] must be either { \"zero\" : true } or the column's statistics");
        loading("unknown.tensile", j -> j.replace("\"zero\" : true", "\"zero\" : true, \"scale\" : 2"))
                .hasMessageContaining("Unrecognized field \"scale\"");
        loading("null-column.tensile", j -> j.replace("{\n      \"zero\" : true\n    }", "null"))
                .hasMessageEndingWith("model.json scaling.columns[1] is null");
        loading("v1.tensile", j -> j.replace("\"formatVersion\" : 3", "\"formatVersion\" : 1"))
                .hasMessageEndingWith("model.json has a scaling section, which format version 1 does not have");
    }
}
