package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class LineAlignedArraysTest {
    @Test
    void anArrayHasRoomForItsLengthAfterTheOffset() {
        for (int length : new int[] {0, 1, 1000, 3_000_000}) {
            assertThat(LineAlignedArrays.allocate(length).length).isGreaterThanOrEqualTo(length + LineAlignedArrays.OFFSET);
        }
    }

    /**
     * Under G1 with regions up to 8 MiB (the test JVM's default), arrays are made humongous, so that G1 starts them
     * at a region boundary, and the offset skips the 16-byte header (12 with compact headers) to the next 64 bytes.
     */
    @Test
    void underG1ArraysAreHumongousAndTheOffsetSkipsTheHeaderToALine() {
        String region = VmOptions.value("G1HeapRegionSize");
        assumeTrue("true".equals(VmOptions.value("UseG1GC")) && region != null
                && Long.parseLong(region) <= (8L << 20), "G1 with regions up to 8 MiB");
        long regionBytes = Long.parseLong(region);
        assertThat(4L * LineAlignedArrays.allocate(10).length).isGreaterThan(regionBytes / 2);
        int header = "true".equals(VmOptions.value("UseCompactObjectHeaders")) ? 12 : 16;
        assertThat(header + 4 * LineAlignedArrays.OFFSET).isEqualTo(64);
    }

    @Test
    void anOptionThisJvmLacksReadsAsNull() {
        assertThat(VmOptions.value("NoSuchOptionAnywhere")).isNull();
        assertThat(VmOptions.value("UseG1GC")).isIn("true", "false");
    }
}
