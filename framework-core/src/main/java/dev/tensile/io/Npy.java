package dev.tensile.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.tensile.tensor.Matrix;

/**
 * The NumPy {@code .npy} format, version 1.0, for float32 arrays of 1 to {@link #MAX_DIMS} dimensions (a conv
 * kernel is 4-D): the magic {@code \x93NUMPY}, the version bytes 1 0, a little-endian uint16 header length, a Python
 * dict literal padded with spaces to a multiple of 64 bytes and ending in a newline, then the values as
 * little-endian float32 in C (row-major) order.
 *
 * <p>Reading is strict and bounded: the header is at most {@link #MAX_HEADER} bytes, only {@code '<f4'} in C order
 * is accepted, and the shape is returned for the caller to check before it allocates anything.
 */
final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final int ALIGN = 64;
    /** Longest header accepted on reading; numpy itself writes well under 200 bytes for a 2-D array. */
    static final int MAX_HEADER = 4096;
    static final String F4 = "<f4";
    static final String I4 = "<i4";
    /** Most dimensions accepted on reading; Tensile writes at most 4 (a conv kernel). */
    static final int MAX_DIMS = 8;

    /** A shape as the file states it, at least one dimension. */
    record Shape(List<Long> dims) {
        Shape {
            dims = List.copyOf(dims);
        }

        static Shape of(long... dims) {
            List<Long> list = new ArrayList<>(dims.length);
            for (long d : dims) {
                list.add(d);
            }
            return new Shape(list);
        }

        /** A matrix's shape, or a 1-D array's {@code (cols,)} when rows is -1 (how a bias may be written). */
        static Shape matrix(long rows, long cols) {
            return rows < 0 ? of(cols) : of(rows, cols);
        }

        /** True when this is exactly {@code dims}. */
        boolean is(List<Long> other) {
            return dims.equals(other);
        }

        /** The Python tuple, as numpy prints it: {@code (7,)}, {@code (3, 3, 1, 32)}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < dims.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(dims.get(i));
            }
            return sb.append(dims.size() == 1 ? ",)" : ")").toString();
        }
    }

    private Npy() {
    }

    /** The header for a rows x cols float32 matrix, magic included. */
    static byte[] header(int rows, int cols) {
        return header(Shape.of(rows, cols), F4);
    }

    /** The header for an array of {@code shape} and {@code descr} ({@code '<f4'} or {@code '<i4'}), magic included. */
    static byte[] header(Shape shape, String descr) {
        String dict = dict(shape, descr);
        int padded = paddedLength(dict);
        String text = dict + " ".repeat(padded - MAGIC.length - 4 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes the whole {@code .npy} file for a matrix a chunk at a time, so saving never copies a whole matrix. */
    static void write(Matrix m, OutputStream out) throws IOException {
        write(m, Shape.of(m.rows(), m.cols()), out);
    }

    /** Writes a matrix's values (row-major) as an array of {@code shape}, which must hold exactly as many values. */
    static void write(Matrix m, Shape shape, OutputStream out) throws IOException {
        if (values(shape) != m.size()) {
            throw new IllegalArgumentException("a " + m.rows() + "x" + m.cols() + " matrix is not an array of shape " + shape);
        }
        out.write(header(shape, F4));
        float[] values = m.data();
        byte[] chunk = new byte[64 * 1024];
        FloatBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int from = 0; from < values.length; from += chunk.length / 4) {
            int n = Math.min(values.length - from, chunk.length / 4);
            view.clear();
            view.put(values, from, n);
            out.write(chunk, 0, 4 * n);
        }
    }

    /** Writes a one-row {@code '<i4'} array (a checkpoint's example order). */
    static void writeInts(int[] values, OutputStream out) throws IOException {
        out.write(header(Shape.of(1, values.length), I4));
        byte[] chunk = new byte[64 * 1024];
        java.nio.IntBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        for (int from = 0; from < values.length; from += chunk.length / 4) {
            int n = Math.min(values.length - from, chunk.length / 4);
            view.clear();
            view.put(values, from, n);
            out.write(chunk, 0, 4 * n);
        }
    }

    /** Fills {@code out} with little-endian int32 values from {@code in}. */
    static void readInts(InputStream in, int[] out) throws IOException, BadBytes {
        readChunks(in, out.length, (view, done, n) -> view.asIntBuffer().get(out, done, n));
    }

    /** The whole {@code .npy} file for a matrix, in memory. */
    static byte[] encode(Matrix m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                encodedSize(m.rows(), m.cols())));
        try {
            write(m, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Size in bytes of the {@code .npy} file {@link #write} writes for a rows x cols matrix. */
    static long encodedSize(long rows, long cols) {
        return paddedLength(dict(Shape.of(rows, cols), F4)) + 4 * rows * cols;
    }

    /** The number of values an array of this shape holds. */
    static long values(Shape shape) {
        long n = 1;
        for (long d : shape.dims()) {
            n *= d;
        }
        return n;
    }

    private static String dict(Shape shape, String descr) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    /** Magic, version, length and text with its final newline, rounded up to a multiple of {@link #ALIGN}. */
    private static int paddedLength(String dict) {
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        return (unpadded + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Reads and checks the header, leaving {@code in} at the first value. */
    static Shape readHeader(InputStream in) throws IOException, BadBytes {
        return readHeader(in, F4);
    }

    /** Reads and checks the header of an array that must have dtype {@code descr}. */
    static Shape readHeader(InputStream in, String descr) throws IOException, BadBytes {
        byte[] pre = readExactly(in, MAGIC.length + 2);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw new BadBytes("not a .npy array (no \\x93NUMPY magic)");
            }
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        long length;
        if (major == 1 && minor == 0) {
            byte[] len = readExactly(in, 2);
            length = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 && minor == 0) {
            byte[] len = readExactly(in, 4);
            length = (len[0] & 0xffL) | (len[1] & 0xffL) << 8 | (len[2] & 0xffL) << 16 | (len[3] & 0xffL) << 24;
        } else {
            throw new BadBytes(".npy version " + major + "." + minor + " is not supported (1.0 and 2.0 are)");
        }
        if (length > MAX_HEADER) {
            throw new BadBytes(".npy header of " + length + " bytes is longer than the " + MAX_HEADER + " allowed");
        }
        byte[] text = readExactly(in, (int) length);
        for (byte c : text) {
            if (c < 0) {
                throw new BadBytes(".npy header is not ASCII");
            }
        }
        return parseDict(new String(text, StandardCharsets.US_ASCII), descr);
    }

    /** Fills {@code out} with {@code out.length} little-endian float32 values from {@code in}. */
    static void readValues(InputStream in, float[] out) throws IOException, BadBytes {
        readChunks(in, out.length, (view, done, n) -> view.asFloatBuffer().get(out, done, n));
    }

    /** Where {@link #readChunks} puts each chunk: {@code n} 4-byte values, the first being value number {@code done}. */
    private interface ChunkSink {
        void take(ByteBuffer view, int done, int n);
    }

    /** Reads {@code count} little-endian 4-byte values in 64 KiB chunks; a short read is a {@link BadBytes}. */
    private static void readChunks(InputStream in, int count, ChunkSink sink) throws IOException, BadBytes {
        byte[] chunk = new byte[64 * 1024];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, chunk.length / 4);
            int got = in.readNBytes(chunk, 0, 4 * n);
            if (got != 4 * n) {
                throw new BadBytes("array data ends early: " + (done + got / 4) + " of " + count + " values");
            }
            view.clear();
            sink.take(view, done, n);
            done += n;
        }
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException, BadBytes {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new BadBytes(".npy header ends early");
        }
        return b;
    }

    /** Parses numpy's header dict: keys descr, fortran_order and shape, in any order, Python literal syntax. */
    static Shape parseDict(String text) throws BadBytes {
        return parseDict(text, F4);
    }

    static Shape parseDict(String text, String expected) throws BadBytes {
        Parser p = new Parser(text.strip());
        String descr = null;
        Boolean fortran = null;
        Shape shape = null;
        p.expect('{');
        while (!p.peek('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr" -> descr = p.string();
                case "fortran_order" -> fortran = p.bool();
                case "shape" -> shape = p.shape();
                default -> throw new BadBytes(".npy header has an unknown key '" + key + "'");
            }
            if (!p.peek('}')) {
                p.expect(',');
            }
        }
        p.expect('}');
        p.end();
        if (descr == null || fortran == null || shape == null) {
            throw new BadBytes(".npy header lacks one of descr, fortran_order, shape");
        }
        if (!descr.equals(expected)) {
            throw new BadBytes(".npy dtype is '" + descr + "'; Tensile reads "
                    + (expected.equals(F4) ? "little-endian float32 ('<f4') only" : "'" + expected + "' here"));
        }
        if (fortran) {
            throw new BadBytes(".npy array is in Fortran order; Tensile reads C (row-major) order only");
        }
        return shape;
    }

    /** A hand-written reader of the few Python literals a .npy header uses; never evaluates anything. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        private void skip() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) throws BadBytes {
            if (!peek(c)) {
                throw new BadBytes(".npy header is malformed at character " + i + " (expected '" + c + "')");
            }
            i++;
        }

        void end() throws BadBytes {
            skip();
            if (i != s.length()) {
                throw new BadBytes(".npy header has trailing characters");
            }
        }

        String string() throws BadBytes {
            skip();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
                throw new BadBytes(".npy header is malformed at character " + i + " (expected a string)");
            }
            char q = s.charAt(i++);
            int start = i;
            while (i < s.length() && s.charAt(i) != q) {
                i++;
            }
            if (i >= s.length()) {
                throw new BadBytes(".npy header has an unterminated string");
            }
            return s.substring(start, i++);
        }

        boolean bool() throws BadBytes {
            skip();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw new BadBytes(".npy header is malformed at character " + i + " (expected True or False)");
        }

        Shape shape() throws BadBytes {
            expect('(');
            List<Long> dims = new ArrayList<>();
            long values = 1;
            while (!peek(')')) {
                if (dims.size() == MAX_DIMS) {
                    throw new BadBytes(".npy array has more than " + MAX_DIMS + " dimensions");
                }
                long d = number();
                // each size is below 10^18, but their product may not be: refuse what no array can hold
                if (d > 0 && values > Long.MAX_VALUE / d) {
                    throw new BadBytes(".npy shape holds more values than any array can");
                }
                values *= d;
                dims.add(d);
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            if (dims.isEmpty()) {
                throw new BadBytes(".npy array is a scalar; Tensile expects an array of at least one dimension");
            }
            return new Shape(dims);
        }

        private long number() throws BadBytes {
            skip();
            int start = i;
            // 18 digits at most: every such number fits a long, so parsing cannot overflow
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 18) {
                i++;
            }
            if (i == start || (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                throw new BadBytes(".npy shape has a dimension that is not a number below 10^18");
            }
            return Long.parseLong(s.substring(start, i));
        }
    }
}
