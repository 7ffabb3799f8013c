package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Matrix;

class NpyTest {

    @Test
    void headersAreVersion1AlignedTo64AndEndInANewline() {
        int[][] shapes = {{1, 1}, {2, 16}, {784, 256}, {1, 10}, {123456, 7}, {0, 5}};
        for (int[] s : shapes) {
            byte[] h = Npy.header(s[0], s[1]);
            assertThat(h.length % 64).isZero();
            assertThat(h[6]).isEqualTo((byte) 1);
            assertThat(h[7]).isEqualTo((byte) 0);
            int len = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getShort(8);
            assertThat(10 + len).isEqualTo(h.length);
            assertThat(h[h.length - 1]).isEqualTo((byte) '\n');
            assertThat(Npy.encodedSize(s[0], s[1])).isEqualTo(h.length + 4L * s[0] * s[1]);
        }
    }

    @Test
    void encodeThenReadGivesTheSameBitsIncludingNaNAndNegativeZero() throws Exception {
        Matrix m = Matrix.of(new float[][] {{1.5f, -0f, Float.NaN}, {Float.MIN_VALUE, Float.MAX_VALUE, -3f}});
        ByteArrayInputStream in = new ByteArrayInputStream(Npy.encode(m));
        assertThat(Npy.readHeader(in)).isEqualTo(Npy.Shape.of(2, 3));
        float[] back = new float[6];
        Npy.readValues(in, back);
        assertThat(in.read()).isEqualTo(-1);
        for (int i = 0; i < 6; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(m.data()[i]));
        }
    }

    @Test
    void aMatrixIsWrittenAsAnArrayOfAnyShapeWithItsValuesAndTheShapeIsPrintedAsNumpyDoes() throws Exception {
        Matrix m = new Matrix(6, 2);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = i;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Npy.write(m, Npy.Shape.of(1, 3, 2, 2), out);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertThat(Npy.readHeader(in)).isEqualTo(Npy.Shape.of(1, 3, 2, 2));
        float[] back = new float[12];
        Npy.readValues(in, back);
        assertThat(back).containsExactly(m.data());
        assertThat(out.size() % 64).isEqualTo(48); // the 64-aligned header, then 48 bytes of values
        assertThat(Npy.Shape.of(7)).hasToString("(7,)");
        assertThat(Npy.Shape.of(3, 3, 1, 32)).hasToString("(3, 3, 1, 32)");
        assertThatThrownBy(() -> Npy.write(m, Npy.Shape.of(3, 3), new java.io.ByteArrayOutputStream()))
                .hasMessageContaining("6x2").hasMessageContaining("(3, 3)");
    }

    @Test
    void acceptsWhatOtherWritersProduce() throws BadBytes {
        assertThat(Npy.parseDict("{'descr': '<f4', 'fortran_order': False, 'shape': (7,), }")).isEqualTo(Npy.Shape.of(7));
        assertThat(Npy.parseDict("{\"shape\":(3,4),\"fortran_order\":False,\"descr\":\"<f4\"}")).isEqualTo(Npy.Shape.of(3, 4));
        assertThat(Npy.parseDict("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 3, 1, 32), }"))
                .isEqualTo(Npy.Shape.of(3, 3, 1, 32));
    }

    @Test
    void refusesWhatItCannotReadWithAReason() {
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }"))
                .hasMessageContaining("little-endian float32 ('<f4') only");
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }"))
                .hasMessageContaining("Fortran order");
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3, 4, 5, 6, 7, 8, 9), }"))
                .hasMessageContaining("more than 8 dimensions");
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4), }"))
                .hasMessageContaining("more values than any array can");
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 2), }"))
                .hasMessageContaining("not a number below 10^18");
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '<f4', 'fortran_order': False, 'shape': (), }"))
                .hasMessageContaining("scalar");
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '<f4', 'shape': (1, 2)}"))
                .hasMessageContaining("lacks one of");
        assertThatThrownBy(() -> Npy.parseDict("{'descr': '<f4', 'fortran_order': __import__('os'), 'shape': (1, 2)}"))
                .hasMessageContaining("expected True or False");
    }

    @Test
    void aHeaderLongerThanTheLimitIsRefusedBeforeItIsRead() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Npy.MAGIC).put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Npy.readHeader(new ByteArrayInputStream(b.array())))
                .isInstanceOf(BadBytes.class).hasMessageContaining("longer than the 4096 allowed");
    }

    @Test
    void shortDataIsReportedWithHowMuchWasThere() throws IOException, BadBytes {
        byte[] full = Npy.encode(new Matrix(4, 4));
        ByteArrayInputStream in = new ByteArrayInputStream(java.util.Arrays.copyOf(full, full.length - 6));
        Npy.readHeader(in);
        assertThatThrownBy(() -> Npy.readValues(in, new float[16]))
                .hasMessage("array data ends early: 14 of 16 values");
        assertThat(new String(full, 10, 20, StandardCharsets.US_ASCII)).startsWith("{'descr': '<f4'");
    }
}
