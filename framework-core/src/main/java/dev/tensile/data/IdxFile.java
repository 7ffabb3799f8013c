package dev.tensile.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file's header, checked against the file before anyone allocates by it: the dimensions it claims must fit an
 * int each and together, and their product times the element size must be exactly the bytes that follow the header
 * (for a gzip'd file, the bytes its stream inflates to, counted without keeping them). A header claiming two million
 * images in a 24 KB file is refused here instead of allocating 2.7 GB inside Tribuo's reader.
 *
 * @param dims        the dimensions, outermost (the example count) first
 * @param elementSize bytes per value, from the type code
 */
record IdxFile(int[] dims, int elementSize) {

    /** Examples the file holds. */
    int count() {
        return dims[0];
    }

    /** Values per example: the product of every dimension after the first. */
    int width() {
        long w = 1;
        for (int i = 1; i < dims.length; i++) {
            w *= dims[i];
        }
        return (int) w;
    }

    static IdxFile read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            if ((magic >>> 16) != 0) {
                throw new DataException(file + ": not an IDX file (it does not start with two zero bytes)");
            }
            int size = switch ((magic >>> 8) & 0xff) {
                case 0x08, 0x09 -> 1;
                case 0x0B -> 2;
                case 0x0C, 0x0D -> 4;
                case 0x0E -> 8;
                default -> throw new DataException(file + ": not an IDX file (unknown value type 0x"
                        + Integer.toHexString((magic >>> 8) & 0xff) + ")");
            };
            int n = magic & 0xff;
            if (n == 0) {
                throw new DataException(file + ": not an IDX file (it declares 0 dimensions)");
            }
            int[] dims = new int[n];
            long values = 1;
            for (int i = 0; i < n; i++) {
                dims[i] = d.readInt();
                if (dims[i] < 0) {
                    throw new DataException(file + ": not an IDX file (dimension " + (i + 1) + " is " + dims[i] + ")");
                }
                values *= dims[i];
                if (values > Integer.MAX_VALUE) {
                    throw new DataException(file + ": header claims " + dimsText(dims, i + 1)
                            + " values, more than one data set can hold (2^31 - 1); damaged or not an IDX file?");
                }
            }
            long expected = values * size;
            long actual = in.transferTo(OutputStreamNull.INSTANCE);
            if (actual != expected) {
                throw new DataException(file + ": header claims " + dimsText(dims, n) + " values (" + expected
                        + " bytes) but " + (actual < expected ? "only " : "") + actual + " bytes follow it"
                        + (gzip ? " once inflated" : "") + (actual < expected ? " (truncated file?)" : ""));
            }
            return new IdxFile(dims, size);
        } catch (EOFException e) {
            throw new DataException(file + ": not an IDX file (it ends inside the header)", e);
        } catch (IOException e) {
            throw new DataException(file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (e instanceof java.util.zip.ZipException ? " (damaged gzip stream)" : ""), e);
        }
    }

    private static String dimsText(int[] dims, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return sb.toString();
    }

    /** Counts what it is given and keeps nothing. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
