package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.train.TrainPlan;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * A run checkpointed and resumed gives the uninterrupted run's weights bit for bit (Adam's moments, a cosine
 * schedule with warm-up, dropout, augmentation, an epoch cut in the middle); damaged checkpoints are refused in one line.
 */
class CheckpointsTest {
    private static final MutableDataset<Label> TRAIN = Fixtures.rings(150, 1);
    private static final MutableDataset<Label> DEV = Fixtures.rings(30, 2);
    private static final int EPOCHS = 6;

    @TempDir
    Path dir;

    private static TrainPlan plan(Callback.Listener... listeners) {
        return new TrainPlan(EPOCHS, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)),
                new PluginRef("cosine", Map.of("minFactor", 0.1)), 1, 0, 0,
                List.of(new PluginRef("l2", Map.of("lambda", 1e-4))),
                List.of(new PluginRef("gaussian-noise", Map.of("std", 0.05))), List.of(), List.of(listeners));
    }

    private static TensileModel uninterrupted() {
        return new TensileTrainer(Fixtures.SPEC, plan(), Fixtures.REGISTRY, Fixtures.BUILDER).fit(TRAIN, DEV, Map.of());
    }

    /** Trains until {@code stop} asks to stop, checkpoints, loads the checkpoint and finishes the run from it. */
    private TensileModel stoppedAndResumed(Callback.Listener stop, int expectEpochsDone, int expectStepInEpoch) {
        TensileModel first = new TensileTrainer(Fixtures.SPEC, plan(stop), Fixtures.REGISTRY, Fixtures.BUILDER)
                .fit(TRAIN, DEV, Map.of());
        Path file = dir.resolve("run.ckpt.tensile");
        Checkpoints.save(file, first, first.trainingState(), plan().optimizer(), Fixtures.REGISTRY);

        Checkpoints.Checkpoint c = Checkpoints.load(file, Fixtures.BUILDER);
        assertThat(c.state().epochsDone()).isEqualTo(expectEpochsDone);
        assertThat(c.state().stepInEpoch()).isEqualTo(expectStepInEpoch);
        assertThat(c.optimizer().name()).isEqualTo("adam");
        assertThat(c.state().optimizer().steps()).isEqualTo(first.trainingState().optimizer().steps());
        for (Parameter p : first.network().parameters()) {
            int i = first.network().parameters().indexOf(p);
            float[][] saved = c.state().optimizer().slots(c.model().network().parameters().get(i));
            float[][] live = first.trainingState().optimizer().slots(p);
            assertThat(saved).hasDimensions(2, p.value().size());
            assertThat(bits(saved[0])).containsExactly(bits(live[0]));
            assertThat(bits(saved[1])).containsExactly(bits(live[1]));
        }
        TensileModel resumed = (TensileModel) c.model();
        resumed.resumeFrom(c.state());
        new TensileTrainer(Fixtures.SPEC, plan(), Fixtures.REGISTRY, Fixtures.BUILDER)
                .continueFit(resumed, TRAIN, DEV, EPOCHS - c.state().epochsDone());
        return resumed;
    }

    @Test
    void aRunResumedFromAnEpochCheckpointEndsWithTheUninterruptedRunsWeightsBitForBit() {
        TensileModel once = uninterrupted();
        TensileModel twice = stoppedAndResumed(new Callback.Listener() {
            @Override
            public void onEpochEnd(TrainingContext context, EpochLog log) {
                if (log.epoch() == 3) {
                    context.requestStop("test");
                }
            }
        }, 3, 0);
        assertSameWeights(once, twice);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        once.history().epochs().forEach(e -> a.add(e.trainLoss()));
        twice.history().epochs().forEach(e -> b.add(e.trainLoss()));
        assertThat(b).isEqualTo(a); // epochs 1-3 from the file, 4-6 from the resumed run
    }

    @Test
    void aRunStoppedInTheMiddleOfAnEpochResumesAtTheNextBatch() {
        TensileModel once = uninterrupted();
        // 150 examples in batches of 16: 10 steps an epoch; stop after step 25, half-way through epoch 3.
        TensileModel twice = stoppedAndResumed(new Callback.Listener() {
            @Override
            public void onBatchEnd(TrainingContext context, int step, double loss) {
                if (step == 25) {
                    context.requestStop("interrupted");
                }
            }
        }, 2, 5);
        assertSameWeights(once, twice);
    }

    private static void assertSameWeights(TensileModel a, TensileModel b) {
        List<Parameter> pa = a.network().parameters();
        List<Parameter> pb = b.network().parameters();
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

    // ---- damaged checkpoints ----

    private Path goodCheckpoint() {
        TensileModel m = Fixtures.trained();
        Path file = dir.resolve("good.tensile");
        Checkpoints.save(file, m, m.trainingState(), new PluginRef("adam", Map.of("lr", 0.01)), Fixtures.REGISTRY);
        return file;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> resuming(Path file) {
        return assertThatThrownBy(() -> Checkpoints.load(file, Fixtures.BUILDER))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    private Path edited(String name, Consumer<Map<String, byte[]>> edit) throws IOException {
        Path out = dir.resolve(name);
        ModelFileEdits.rewrite(goodCheckpoint(), out, edit);
        return out;
    }

    @Test
    void aCheckpointIsAlsoAModelFileWithItsStateBesideTheWeights() throws IOException {
        Path file = goodCheckpoint();
        assertThat(ModelFiles.load(file, Fixtures.REGISTRY).spec()).isEqualTo(Fixtures.SPEC);
        Map<String, byte[]> entries = ModelFileEdits.entries(file);
        assertThat(entries.keySet()).contains("optimizer/layer1.weights.m.npy", "optimizer/layer4.bias.v.npy",
                "order.npy", "rng.json");
        String json = new String(entries.get("model.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"kind\" : \"checkpoint\"", "\"epochsDone\" : 4", "\"name\" : \"adam\"");
        assertThat(new String(entries.get("rng.json"), StandardCharsets.UTF_8)).contains("\"layer2\"");
    }

    @Test
    void aModelFileIsNotACheckpoint() {
        Path model = dir.resolve("model.tensile");
        ModelFiles.save(Fixtures.trained(), model, Fixtures.REGISTRY);
        resuming(model).hasMessageContaining("is a model file, not a checkpoint");
        resuming(dir.resolve("nope.tensile")).hasMessageEndingWith(": no such checkpoint");
    }

    @Test
    void damagedStateIsRefusedInOneLine() throws IOException {
        resuming(edited("order.tensile", e -> {
            byte[] npy = e.get("order.npy").clone();
            ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).putInt(npy.length - 4, 0); // a repeated example
            e.put("order.npy", npy);
        })).hasMessageEndingWith("entry 'order.npy' is not an order of the 300 examples");
        resuming(edited("missing.tensile", e -> e.remove("optimizer/layer3.weights.v.npy")))
                .hasMessageContaining("entry 'optimizer/layer3.weights.v.npy' is missing");
        resuming(edited("short.tensile", e -> e.put("optimizer/layer1.weights.m.npy", Npy.encode(Fixtures.inputs(2, 1)))))
                .hasMessageEndingWith("entry 'optimizer/layer1.weights.m.npy' holds shape (2, 2); its parameter is (2, 16)");
        resuming(edited("rng.tensile", e -> e.put("rng.json", "{\"shuffle\": {\"seed\": 1}}".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("rng.json");
        resuming(edited("field.tensile", e -> e.put("model.json", new String(e.get("model.json"), StandardCharsets.UTF_8)
                .replace("\"epochsDone\" :", "\"epochsDoneX\" :").getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("checkpoint object is not valid");
        resuming(edited("optimizer.tensile", e -> e.put("model.json", new String(e.get("model.json"), StandardCharsets.UTF_8)
                .replace("\"name\" : \"adam\"", "\"name\" : \"adamx\"").getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("unknown optimizer 'adamx'");
        Path flipped = dir.resolve("flipped.tensile");
        ModelFileEdits.rewriteRaw(goodCheckpoint(), flipped, e -> {
            byte[] m = e.get("optimizer/layer1.weights.m.npy").clone();
            m[m.length - 1] ^= 1;
            e.put("optimizer/layer1.weights.m.npy", m);
        });
        resuming(flipped).hasMessageContaining("its SHA-256 does not match SHA256SUMS");
    }
}
