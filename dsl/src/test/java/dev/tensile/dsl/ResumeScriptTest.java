package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.io.ModelFiles;
import dev.tensile.nn.Parameter;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tribuo.TensileModel;

/**
 * The {@code checkpoint} callback and resuming in scripts: 5 epochs, a checkpoint, and 5 more from it give the
 * weights of 10 epochs, bit for bit, whether the resume comes from {@code --resume} or from {@code resume} in the
 * train block; and a model too large for the heap is refused before anything is allocated.
 */
class ResumeScriptTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    @TempDir
    Path dir;

    private String script(String extra) {
        return "data {\n  train csv('" + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath()
                + "', response: 'arm')\n  split test: 0.2, dev: 0.1, seed: 3\n}\n" + """
                model {
                    input 2
                    dense 16, activation: 'relu'
                    dropout 0.2
                    dense 16, activation: 'tanh'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.01
                    schedule 'cosine', minFactor: 0.1
                    warmup 1
                    epochs 10
                    batch 32
                    seed 5
                    augment 'gaussian-noise', std: 0.02
                    callback 'checkpoint', path: 'run.tensile', every: 5
                    onEpochEnd { epoch, log ->
                        if (epoch == 5) java.nio.file.Files.copy(java.nio.file.Path.of(dir, 'run.tensile'),
                                java.nio.file.Path.of(dir, 'at5.tensile'), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
                    }
                """ + extra + "}\nsave param('out', 'final.tensile')\n";
    }

    private Path write(String name, String extra) {
        return ScriptHarness.write(dir, name, "dir = '" + dir.toAbsolutePath() + "'\n" + script(extra));
    }

    @Test
    void fiveEpochsACheckpointAndFiveMoreAreTenEpochsBitForBit() {
        Path full = write("full.groovy", "");
        ScriptHarness.Result once = ScriptHarness.tensile("run", full.toString());
        assertThat(once.err()).isEmpty();
        assertThat(once.status()).isZero();
        assertThat(dir.resolve("at5.tensile")).isRegularFile();

        ScriptHarness.Result cli = ScriptHarness.tensile("run", full.toString(), "--resume",
                dir.resolve("at5.tensile").toString(), "-Pout=cli.tensile");
        assertThat(cli.err()).isEmpty();
        assertThat(cli.status()).isZero();
        assertThat(cli.out()).contains("resuming from " + dir.resolve("at5.tensile").toAbsolutePath() + " after epoch 5, up to epoch 10");
        assertSameWeights("final.tensile", "cli.tensile");

        Path inBlock = write("inblock.groovy", "    resume 'at5.tensile'\n");
        ScriptHarness.Result dsl = ScriptHarness.tensile("run", inBlock.toString(), "-Pout=dsl.tensile");
        assertThat(dsl.err()).isEmpty();
        assertThat(dsl.status()).isZero();
        assertSameWeights("final.tensile", "dsl.tensile");
        // the checkpoint written at epoch 10 of the resumed run holds the whole history
        assertThat(ModelFiles.load(dir.resolve("run.tensile"), REGISTRY).history().epochs()).hasSize(10);
    }

    @Test
    void saveBestKeepsTheEpochWithTheLowestDevLoss() {
        Path best = write("best.groovy", "    callback 'checkpoint', path: 'best.tensile', save: 'best'\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", best.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        List<dev.tensile.spi.EpochLog> history = ModelFiles.load(dir.resolve("final.tensile"), REGISTRY).history().epochs();
        int bestEpoch = history.stream().min(java.util.Comparator.comparingDouble(dev.tensile.spi.EpochLog::devLoss))
                .orElseThrow().epoch();
        dev.tensile.io.Checkpoints.Checkpoint c = dev.tensile.io.Checkpoints.load(dir.resolve("best.tensile"),
                new dev.tensile.nn.NetworkBuilder(REGISTRY, dev.tensile.kernel.GemmProvider.get()));
        assertThat(c.state().epochsDone()).isEqualTo(bestEpoch);
        assertThat(c.model().history().epochs()).hasSize(bestEpoch);
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedInOneLine() {
        Path full = write("full.groovy", "");
        assertThat(ScriptHarness.tensile("run", full.toString()).status()).isZero();
        Path other = ScriptHarness.write(dir, "other.groovy", "dir = '" + dir.toAbsolutePath() + "'\n"
                + script("    resume 'at5.tensile'\n").replace("dense 16, activation: 'tanh'", "dense 17, activation: 'tanh'"));
        ScriptHarness.Result r = ScriptHarness.tensile("run", other.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("other.groovy:").contains("cannot resume from").contains("is not the script's model");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aModelTooLargeForTheHeapIsRefusedBeforeAnythingIsAllocated() {
        Path huge = ScriptHarness.write(dir, "huge.groovy", """
                model {
                    input 40000
                    dense 40000, activation: 'relu'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", huge.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("huge.groovy:").contains("this model needs an estimated 11.9 GiB")
                .contains("1,600,160,003 parameters").contains("the JVM's maximum heap is");
        assertThat(r.err().lines()).hasSize(1);
        // weights a Java array cannot hold at all are refused while planning, naming the layer
        Path larger = ScriptHarness.write(dir, "larger.groovy", "model { input 200000; dense 200000; output 3 }\n");
        ScriptHarness.Result l = ScriptHarness.tensile("run", larger.toString());
        assertThat(l.err()).isEqualTo("larger.groovy:1: layer 1 (dense): shape [200000, 200000] has more than 2147483639 values\n");
    }

    private void assertSameWeights(String a, String b) {
        TensileModel x = ModelFiles.load(dir.resolve(a), REGISTRY);
        TensileModel y = ModelFiles.load(dir.resolve(b), REGISTRY);
        List<Parameter> px = x.network().parameters();
        List<Parameter> py = y.network().parameters();
        for (int i = 0; i < px.size(); i++) {
            float[] u = px.get(i).value().data();
            float[] v = py.get(i).value().data();
            assertThat(v).hasSameSizeAs(u);
            for (int j = 0; j < u.length; j++) {
                assertThat(Float.floatToRawIntBits(v[j])).as(px.get(i).name() + "[" + j + "]")
                        .isEqualTo(Float.floatToRawIntBits(u[j]));
            }
        }
    }
}
