package dev.tensile.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.LabelFactory;

/**
 * Issue 20: the IDX and LibSVM readers get what the model-file reader gets in ModelFileFuzzTest: random
 * truncations, bit flips and hostile headers. Every input must either load or be refused with one
 * {@link DataException} that names the file, and never take more than a moment or an unreasonable amount of memory.
 * Seeded, so a failure reproduces; a few thousand cases in a few seconds.
 */
class DataReaderFuzzTest {
    private static final int[][] PIXELS = {{0, 255, 3, 0}, {7, 0, 0, 9}, {1, 2, 3, 4}, {200, 100, 50, 0}};

    @TempDir
    Path dir;

    private void loadsOrRefuses(Path images, Path labels, String what) {
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        try {
            Sources.idx(images, labels, new LabelFactory());
        } catch (DataException e) {
            assertThat(e.getMessage()).as(what).satisfiesAnyOf(m -> assertThat(m).startsWith(images.toString()),
                    m -> assertThat(m).startsWith(labels.toString()), m -> assertThat(m).contains(images.toString()));
            assertThat(e.getMessage().lines()).as(what).hasSize(1);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError(what + ": " + e, e);
        }
        assertThat((System.nanoTime() - start) / 1e9).as(what).isLessThan(2);
        assertThat(rt.totalMemory() - rt.freeMemory() - before).as(what).isLessThan(256L << 20);
    }

    @Test
    void idxTruncationsBitFlipsAndHostileHeaders() throws IOException {
        SplittableRandom rng = new SplittableRandom(20);
        for (boolean gzip : new boolean[] {false, true}) {
            Path img = IdxFiles.images(dir.resolve("img" + gzip), 2, 2, PIXELS, gzip);
            Path lab = IdxFiles.labels(dir.resolve("lab" + gzip), new int[] {1, 0, 1, 0}, gzip);
            byte[] good = Files.readAllBytes(img);
            byte[] goodLabels = Files.readAllBytes(lab);
            Path bad = dir.resolve("bad" + gzip);
            for (int cut = 0; cut < good.length; cut++) {
                Files.write(bad, Arrays.copyOf(good, cut));
                loadsOrRefuses(bad, lab, "images cut to " + cut + " bytes");
            }
            for (int cut = 0; cut < goodLabels.length; cut++) {
                Files.write(bad, Arrays.copyOf(goodLabels, cut));
                loadsOrRefuses(img, bad, "labels cut to " + cut + " bytes");
            }
            for (int i = 0; i < 600; i++) {
                byte[] b = good.clone();
                int flips = 1 + rng.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
                }
                Files.write(bad, b);
                loadsOrRefuses(bad, lab, "images with bit flips, case " + i);
            }
        }
        // hostile headers: every dimension count and type code, random and extreme dimensions
        Path lab = IdxFiles.labels(dir.resolve("lab4"), new int[] {1, 0, 1, 0}, false);
        Path bad = dir.resolve("hostile");
        int[] extremes = {0, 1, 4, 28, 65535, 1 << 16, 2_000_000, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
        for (int i = 0; i < 1500; i++) {
            int nDims = rng.nextInt(6);
            ByteBuffer h = ByteBuffer.allocate(4 + 4 * nDims + 16 + rng.nextInt(64));
            int type = new int[] {0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0xFF}[rng.nextInt(8)];
            h.putInt((type << 8) | nDims);
            h.putInt(4);
            for (int d = 1; d < nDims; d++) {
                h.putInt(rng.nextBoolean() ? extremes[rng.nextInt(extremes.length)] : rng.nextInt());
            }
            Files.write(bad, h.array());
            loadsOrRefuses(bad, lab, "hostile header, case " + i);
        }
    }

    private void libsvmLoadsOrRefuses(Path file, String what) {
        long start = System.nanoTime();
        try {
            Sources.libsvm(file, new LabelFactory());
        } catch (DataException e) {
            assertThat(e.getMessage()).as(what).startsWith(file.toString());
            assertThat(e.getMessage().lines()).as(what).hasSize(1);
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError(what + ": " + e, e);
        }
        assertThat((System.nanoTime() - start) / 1e9).as(what).isLessThan(2);
    }

    @Test
    void libsvmTruncationsBitFlipsAndHostileLines() throws IOException {
        String text = "1 1:0.5 3:2 7:1e-3\n0 2:1 3:-4.5\n2 1:1 2:2 3:3 4:4\n1 5:0.25\n";
        byte[] good = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.svm");
        for (int cut = 0; cut < good.length; cut++) {
            Files.write(bad, Arrays.copyOf(good, cut));
            libsvmLoadsOrRefuses(bad, "cut to " + cut + " bytes");
        }
        SplittableRandom rng = new SplittableRandom(21);
        for (int i = 0; i < 1500; i++) {
            byte[] b = good.clone();
            int flips = 1 + rng.nextInt(3);
            for (int f = 0; f < flips; f++) {
                b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
            }
            Files.write(bad, b);
            libsvmLoadsOrRefuses(bad, "bit flips, case " + i);
        }
        String[] hostile = {"1 2147483647:1\n", "1 99999999999999999999:1\n", "1 -1:1\n", "1 1:1e400\n", "1 1:NaN\n",
                "1 1:1 1:2\n", "1\n", "1 1:1\n\n\n2\n", ":\n", "1 :\n", "1 1:\n", "1 0x10:1\n", "\u0000\u0000\n",
                "1 1:1 2:2 3:3 " + "4:4 ".repeat(10_000) + "\n", "\uFEFF1 1:1\n", "1 1:1\r\n0 2:1\r\n"};
        for (int i = 0; i < hostile.length; i++) {
            Files.writeString(bad, hostile[i]);
            libsvmLoadsOrRefuses(bad, "hostile line " + i);
        }
    }
}
