package dev.tensile.nn.conv;

/**
 * Grow-only flat arrays (max-pool winning taps, per-chunk gradient shares, batch-norm's normalized inputs) used as a
 * prefix: sized by the largest batch seen, so that after the first batch of each size no step allocates.
 */
final class Scratch {
    private Scratch() {
    }

    /** {@code current} if it holds at least size values, else a new array of that size. */
    static float[] atLeast(float[] current, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a buffer of " + size + " values exceeds the largest Java array; "
                    + "use a smaller batch");
        }
        return current != null && current.length >= size ? current : new float[(int) size];
    }
}
