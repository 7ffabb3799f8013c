package dev.tensile.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny unsigned-byte IDX files, as MNIST ships them, plain or gzip'd. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** {@code pixels[i]} is image i, row-major, each {@code rows * cols} values in 0..255. */
    static Path images(Path file, int rows, int cols, int[][] pixels, boolean gzip) {
        return write(file, gzip, new int[] {pixels.length, rows, cols}, flatten(pixels));
    }

    static Path labels(Path file, int[] labels, boolean gzip) {
        return write(file, gzip, new int[] {labels.length}, labels);
    }

    private static int[] flatten(int[][] xs) {
        int n = 0;
        for (int[] x : xs) {
            n += x.length;
        }
        int[] out = new int[n];
        int i = 0;
        for (int[] x : xs) {
            for (int v : x) {
                out[i++] = v;
            }
        }
        return out;
    }

    private static Path write(Path file, boolean gzip, int[] dims, int[] values) {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream os = gzip ? new GZIPOutputStream(raw) : raw;
             DataOutputStream out = new DataOutputStream(os)) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            for (int v : values) {
                out.writeByte(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
