package dev.tensile.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.LabelFactory;

/** Issue 20: an IDX header that claims more (or less) than its file holds is refused before anything is allocated. */
class LyingIdxTest {
    @TempDir
    Path dir;

    /** A header of unsigned bytes with these dimensions, followed by {@code dataBytes} bytes. */
    private Path idx(String name, boolean gzip, int dataBytes, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream sink = gzip ? new GZIPOutputStream(bytes) : bytes; DataOutputStream out = new DataOutputStream(sink)) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(new byte[dataBytes]);
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    @Test
    void twoMillionImagesClaimedInA24KbFileAreRefusedWithoutAllocating() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            for (int claimed : new int[] {2_000_000, 2_000_000_000}) {
                Path images = idx("img" + gzip + claimed, gzip, 30 * 784, claimed, 28, 28);
                Path labels = idx("lab" + gzip + claimed, gzip, 30, claimed);
                String expectedCount = claimed == 2_000_000 ? "2000000 x 28 x 28 values" : "2000000000 x 28";
                assertThatThrownBy(() -> Sources.idx(images, labels, new LabelFactory()))
                        .isInstanceOf(DataException.class).hasMessageStartingWith(images + ": header claims " + expectedCount);
            }
        }
    }

    @Test
    void aTruncatedIdxFileNamesTheFileAndTheShortfall() throws IOException {
        Path images = idx("img", false, 3 * 4 - 5, 3, 2, 2);
        Path labels = idx("lab", true, 3, 3);
        assertThatThrownBy(() -> Sources.idx(images, labels, new LabelFactory())).isInstanceOf(DataException.class)
                .hasMessage(images + ": header claims 3 x 2 x 2 values (12 bytes) but only 7 bytes follow it (truncated file?)");
        Path longer = idx("long", true, 5, 3);
        assertThatThrownBy(() -> Sources.idx(idx("img2", false, 12, 3, 2, 2), longer, new LabelFactory()))
                .hasMessage(longer + ": header claims 3 values (3 bytes) but 5 bytes follow it once inflated");
    }

    @Test
    void dimensionsWhoseProductOverflowsAnIntAreSaidPlainly() throws IOException {
        Path images = idx("img", false, 16, 65536, 65536, 2);
        assertThatThrownBy(() -> Sources.idx(images, idx("lab", false, 1, 1), new LabelFactory()))
                .isInstanceOf(DataException.class)
                .hasMessage(images + ": header claims 65536 x 65536 values, more than one data set can hold (2^31 - 1);"
                        + " damaged or not an IDX file?");
    }
}
