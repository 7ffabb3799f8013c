package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.tensor.Matrix;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.tribuo.TensileModel;

/**
 * Damaged files, made by a seeded generator: truncations, bit flips, overwritten runs and random bytes. Each one
 * either loads as the very model that was saved (damage in bytes nothing reads, such as a zip timestamp) or fails
 * with one clear ModelFileException; never another exception, an OutOfMemoryError or a hang.
 */
class ModelFileFuzzTest {
    /** Per test; {@code -Dtensile.fuzz.cases=100000 -Dtensile.fuzz.seed=N} runs a longer search by hand. */
    private static final int CASES = Integer.getInteger("tensile.fuzz.cases", 1000);
    private static final long SEED = Long.getLong("tensile.fuzz.seed", 20261127L);

    @TempDir
    Path dir;

    @Test
    void damagedFilesGiveOnlyModelFileExceptions() throws IOException {
        Path good = dir.resolve("good.tensile");
        TensileModel model = Fixtures.fixed();
        ModelFiles.save(model, good, Fixtures.REGISTRY);
        byte[] original = Files.readAllBytes(good);
        Matrix x = Fixtures.inputs(64, 5);
        int[] expected = ModelFilesTest.bits(model.network().predict(x));
        Random random = new Random(SEED);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60 + CASES / 100), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] bytes = damage(original, random, i);
                Path file = dir.resolve("case" + i + ".tensile");
                Files.write(file, bytes);
                String what = "case " + i + " (" + kind(i) + ")";
                try {
                    TensileModel loaded = ModelFiles.load(file, Fixtures.REGISTRY);
                    assertThat(ModelFilesTest.bits(loaded.network().predict(x))).as(what).containsExactly(expected);
                    outcomes[0]++;
                } catch (ModelFileException e) {
                    assertThat(e.getMessage()).as(what).startsWith(file + ": ");
                    assertThat(e.getMessage().lines()).as(what).hasSize(1);
                    assertThat(e.getMessage()).as(what + ": reached the safety net, not a known problem")
                            .doesNotContain("unexpected problem");
                    outcomes[1]++;
                } catch (Throwable t) {
                    throw new AssertionError(what + " threw " + t, t);
                }
                Files.delete(file);
            }
        });
        // The generator must mostly produce files that are really broken, or this test proves little.
        assertThat(outcomes[1]).isGreaterThan(CASES * 3 / 4);
    }

    /**
     * A hostile file rather than a damaged one: entries edited and the checksums recomputed, so the damage reaches
     * the JSON reader, the .npy parser and the network builder. Loading may succeed (a changed parameter value is
     * still a valid model) but must never throw anything else.
     */
    @Test
    void hostileEntriesWithValidChecksumsGiveOnlyModelFileExceptions() throws IOException {
        Path good = dir.resolve("good.tensile");
        ModelFiles.save(Fixtures.fixed(), good, Fixtures.REGISTRY);
        java.util.Map<String, byte[]> entries = ModelFileEdits.entries(good);
        String[] names = entries.keySet().stream().filter(n -> !n.equals(Sha256Sums.ENTRY)).toArray(String[]::new);
        Random random = new Random(SEED + 1);
        int[] failures = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60 + CASES / 100), () -> {
            for (int i = 0; i < CASES; i++) {
                // model.json half the time: it holds most of the structure.
                String name = random.nextBoolean() ? ModelFiles.MANIFEST : names[random.nextInt(names.length)];
                byte[] damaged = name.equals(ModelFiles.MANIFEST) && random.nextBoolean()
                        ? editJson(entries.get(name), random) : damage(entries.get(name), random, i % 4);
                Path file = dir.resolve("hostile" + i + ".tensile");
                ModelFileEdits.rewrite(good, file, e -> e.put(name, damaged));
                String what = "hostile case " + i + " (" + name + ", " + kind(i % 4) + ")";
                try {
                    ModelFiles.load(file, Fixtures.REGISTRY);
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

    /**
     * The scaling section under attack: one of its values replaced with a troublesome one (checksums recomputed).
     * The file either loads, with a scaling that is still well formed, or fails with one clear line.
     */
    @Test
    void hostileScalingSectionsGiveOnlyModelFileExceptions() throws IOException {
        Path good = dir.resolve("scaled.tensile");
        ModelFiles.save(Fixtures.fixedScaled(), good, Fixtures.REGISTRY);
        String json = new String(ModelFileEdits.entries(good).get(ModelFiles.MANIFEST), java.nio.charset.StandardCharsets.UTF_8);
        int from = json.indexOf("\"scaling\"");
        int to = json.indexOf("\"arrays\"");
        assertThat(from).isPositive();
        Random random = new Random(SEED + 2);
        int cases = Math.max(50, CASES / 4);
        int[] failures = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60 + cases / 100), () -> {
            for (int i = 0; i < cases; i++) {
                String section = new String(editJson(json.substring(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        random), java.nio.charset.StandardCharsets.UTF_8);
                byte[] damaged = (json.substring(0, from) + section + json.substring(to))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                Path file = dir.resolve("scaling" + i + ".tensile");
                ModelFileEdits.rewrite(good, file, e -> e.put(ModelFiles.MANIFEST, damaged));
                String what = "scaling case " + i + ": " + section.replaceAll("\\s+", " ");
                try {
                    TensileModel loaded = ModelFiles.load(file, Fixtures.REGISTRY);
                    double[][] stats = loaded.scaling().statistics();
                    assertThat(stats.length).as(what).isEqualTo(2);
                    loaded.predict(Fixtures.rings(3, 4)); // whatever the statistics, predicting works
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
        assertThat(failures[0]).isGreaterThan(cases / 2);
    }

    /** Replaces one JSON value (number, string, literal) with another chosen to be troublesome. */
    static byte[] editJson(byte[] json, Random r) {
        String s = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        String[] evil = {"-1", "0", "2147483648", "1e308", "null", "\"\"", "[]", "{}", "true", "\"NaN\"", "1.5",
                "99999999999999999999", "[1, 2, 3]", "{\"type\": \"dense\"}", "\"../../etc/passwd\"", "16777216"};
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":\\s*(\"[^\"]*\"|-?[0-9.eE+-]+|true|false|null)").matcher(s);
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
        }
        int[] span = spans.get(r.nextInt(spans.size()));
        String out = s.substring(0, span[0]) + evil[r.nextInt(evil.length)] + s.substring(span[1]);
        return out.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String kind(int i) {
        return switch (i % 5) {
            case 0 -> "truncated";
            case 1 -> "one bit flipped";
            case 2 -> "several bits flipped";
            case 3 -> "a run overwritten";
            default -> "random bytes";
        };
    }

    static byte[] damage(byte[] original, Random r, int i) {
        byte[] b = original.clone();
        switch (i % 5) {
            case 0 -> {
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 1 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            case 2 -> {
                for (int k = 0; k < 1 + r.nextInt(8); k++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 3 -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                byte fill = (byte) (r.nextBoolean() ? 0xff : r.nextInt(256));
                Arrays.fill(b, at, at + len, fill);
            }
            default -> {
                byte[] noise = new byte[r.nextInt(4096)];
                r.nextBytes(noise);
                if (noise.length >= 4 && r.nextBoolean()) {
                    noise[0] = 'P';
                    noise[1] = 'K';
                    noise[2] = 3;
                    noise[3] = 4;
                }
                return noise;
            }
        }
        return b;
    }
}
