package dev.tensile.kernel;

/**
 * Float arrays whose element {@link #OFFSET} starts a 64-byte cache line, for panels that the micro-kernels read
 * with whole-vector loads: a vector that straddles two lines costs the load a second access. Java gives no addresses
 * and aligns arrays to 8 bytes, so where a packed panel starts within a line changed from one JVM to the next. But
 * G1, the default collector, starts every array of more than half a region ("humongous") at the start of a region,
 * and the first float follows the array's header (16 bytes, 12 with compact object headers). So under G1, with
 * regions up to 8 MiB, {@link #allocate} makes the array that large and {@link #OFFSET} skips to the first line.
 * Elsewhere (another collector, larger regions, an unknown header) the offset is 0 and arrays are their plain size.
 *
 * <p>Packed B starting on a line, against starting 16 bytes into one (n = 1024, 1 thread, medians of 12 alternating
 * rounds in one JVM): 512-bit vectors 2.8% faster on JDK 17 and 25, 256-bit vectors 3.1-3.7% on JDK 17 and 2.0-2.6%
 * on JDK 25 (benchmarks/README.md).
 */
final class LineAlignedArrays {
    private static final int LINE_BYTES = 64;
    private static final long MAX_REGION_BYTES = 8L << 20;

    /** Index of the first float that starts a cache line in arrays from {@link #allocate}; 0 when unknown. */
    static final int OFFSET;
    // Least length that G1 places at a region start; 0 when no alignment is known
    private static final int MIN_LENGTH;

    static {
        int offset = 0;
        int minLength = 0;
        String region = VmOptions.value("G1HeapRegionSize");
        if ("true".equals(VmOptions.value("UseG1GC")) && "true".equals(VmOptions.value("UseCompressedClassPointers"))
                && region != null) {
            long regionBytes = Long.parseLong(region);
            int header = "true".equals(VmOptions.value("UseCompactObjectHeaders")) ? 12 : 16;
            if (regionBytes > 0 && regionBytes <= MAX_REGION_BYTES) {
                offset = (LINE_BYTES - header) / Float.BYTES;
                minLength = (int) (regionBytes / 2 / Float.BYTES) + 1;
            }
        }
        OFFSET = offset;
        MIN_LENGTH = minLength;
    }

    private LineAlignedArrays() {
    }

    /** An array with room for {@code length} floats from index {@link #OFFSET}. */
    static float[] allocate(int length) {
        return new float[Math.max(length + OFFSET, MIN_LENGTH)];
    }
}
