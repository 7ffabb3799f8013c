package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.testing.Specs;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * Batch-norm's running statistics are state: saved in model files and checkpoints and restored bit for bit, so a
 * loaded model predicts as the saved one and a resumed run ends with the uninterrupted run's arrays, statistics
 * included.
 */
class BatchNormFilesTest {
    private static final ModelSpec SPEC = new ModelSpec(2, List.of(
            Specs.dense(8, PluginRef.of("relu"), null),
            LayerSpec.of(new PluginRef("batch-norm", Map.of("momentum", 0.9))),
            Specs.dense(8, PluginRef.of("tanh"), null)),
            Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");
    private static final MutableDataset<Label> TRAIN = Fixtures.rings(150, 3);

    @TempDir
    Path dir;

    private static TrainPlan plan(Callback.Listener... listeners) {
        return new TrainPlan(4, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(), List.of(),
                List.of(listeners));
    }

    @Test
    void runningStatisticsSurviveAModelFileBitForBit() {
        TensileModel m = new TensileTrainer(SPEC, plan(), Fixtures.REGISTRY, Fixtures.BUILDER).fit(TRAIN, null, Map.of());
        Parameter mean = array(m, "runningMean");
        assertThat(mean.trainable()).isFalse();
        assertThat(mean.value().data()).as("training moved the statistics").isNotEqualTo(new float[8]);
        Path file = dir.resolve("bn.tensile");
        ModelFiles.save(m, file, Fixtures.REGISTRY);
        TensileModel back = ModelFiles.load(file, Fixtures.BUILDER);
        assertSameArrays(m, back);
        assertThat(back.predict(Fixtures.rings(30, 9)).toString()).isEqualTo(m.predict(Fixtures.rings(30, 9)).toString());
    }

    @Test
    void aResumedRunEndsWithTheUninterruptedRunsStatisticsBitForBit() {
        TensileModel once = new TensileTrainer(SPEC, plan(), Fixtures.REGISTRY, Fixtures.BUILDER).fit(TRAIN, null, Map.of());
        TensileModel first = new TensileTrainer(SPEC, plan(new Callback.Listener() {
            @Override
            public void onEpochEnd(TrainingContext context, EpochLog log) {
                if (log.epoch() == 2) {
                    context.requestStop("test");
                }
            }
        }), Fixtures.REGISTRY, Fixtures.BUILDER).fit(TRAIN, null, Map.of());
        Path file = dir.resolve("run.ckpt.tensile");
        Checkpoints.save(file, first, first.trainingState(), plan().optimizer(), Fixtures.REGISTRY);
        Checkpoints.Checkpoint c = Checkpoints.load(file, Fixtures.BUILDER);
        TensileModel resumed = (TensileModel) c.model();
        resumed.resumeFrom(c.state());
        new TensileTrainer(SPEC, plan(), Fixtures.REGISTRY, Fixtures.BUILDER).continueFit(resumed, TRAIN, null,
                4 - c.state().epochsDone());
        assertSameArrays(once, resumed);
    }

    private static Parameter array(TensileModel m, String suffix) {
        return m.network().arrays().stream().filter(p -> p.name().endsWith("." + suffix)).findFirst().orElseThrow();
    }

    private static void assertSameArrays(TensileModel a, TensileModel b) {
        List<Parameter> pa = a.network().arrays();
        List<Parameter> pb = b.network().arrays();
        assertThat(pb).hasSameSizeAs(pa);
        for (int i = 0; i < pa.size(); i++) {
            assertThat(bits(pb.get(i).value().data())).as(pa.get(i).name()).containsExactly(bits(pa.get(i).value().data()));
        }
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}
