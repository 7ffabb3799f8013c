package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.nn.PluginRef;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.tribuo.TensileModel;

/**
 * Hostile checkpoints: the training-state parts (the checkpoint object, rng.json, order.npy, the optimizer's
 * arrays) edited with their checksums recomputed. Resuming may succeed (a changed moment is still a state) but must
 * never throw anything but one clear ModelFileException.
 */
class CheckpointFuzzTest {
    private static final int CASES = Integer.getInteger("tensile.fuzz.cases", 1000) / 2;
    private static final long SEED = Long.getLong("tensile.fuzz.seed", 20261127L) + 7;

    @TempDir
    Path dir;

    @Test
    void hostileStateEntriesGiveOnlyModelFileExceptions() throws IOException {
        Path good = dir.resolve("good.tensile");
        TensileModel m = Fixtures.trained();
        Checkpoints.save(good, m, m.trainingState(), new PluginRef("adam", Map.of("lr", 0.01)), Fixtures.REGISTRY);
        Map<String, byte[]> entries = ModelFileEdits.entries(good);
        String[] state = entries.keySet().stream().filter(ModelReader::isReserved).toArray(String[]::new);
        Random random = new Random(SEED);
        int[] failures = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60 + CASES / 100), () -> {
            for (int i = 0; i < CASES; i++) {
                String name = switch (random.nextInt(3)) {
                    case 0 -> ModelFiles.MANIFEST;
                    case 1 -> "rng.json";
                    default -> state[random.nextInt(state.length)];
                };
                boolean json = name.endsWith(".json") && random.nextInt(4) > 0;
                byte[] damaged = json ? editCheckpointJson(entries.get(name), random)
                        : ModelFileFuzzTest.damage(entries.get(name), random, i % 4);
                Path file = dir.resolve("hostile" + i + ".tensile");
                ModelFileEdits.rewrite(good, file, e -> e.put(name, damaged));
                String what = "case " + i + " (" + name + ", " + (json ? "a JSON value" : ModelFileFuzzTest.kind(i % 4)) + ")";
                try {
                    Checkpoints.load(file, Fixtures.BUILDER);
                } catch (ModelFileException e) {
                    assertThat(e.getMessage()).as(what).startsWith(file + ": ");
                    assertThat(e.getMessage().lines()).as(what).hasSize(1);
                    assertThat(e.getMessage()).as(what + ": reached the safety net, not a known problem")
                            .doesNotContain("unexpected problem");
                    failures[0]++;
                } catch (Throwable t) {
                    throw new AssertionError(what + " threw " + t, t);
                }
                Files.delete(file);
            }
        });
        assertThat(failures[0]).isGreaterThan(CASES / 2);
    }

    /** In model.json, a value inside the checkpoint object; in rng.json, any value. */
    private static byte[] editCheckpointJson(byte[] bytes, Random r) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        int at = s.indexOf("\"checkpoint\"");
        if (at < 0) {
            return ModelFileFuzzTest.editJson(bytes, r);
        }
        String head = s.substring(0, at);
        String tail = s.substring(at);
        return (head + new String(ModelFileFuzzTest.editJson(tail.getBytes(java.nio.charset.StandardCharsets.UTF_8), r),
                java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
