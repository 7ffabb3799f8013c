package dev.tensile.nn.conv;

/**
 * Wall-clock time spent in each kind of image operation, for the benchmark's breakdown of a training epoch
 * (conv forward, input gradient, weight gradient, pooling). Off unless {@link #enable} is called; when on, each
 * timed operation costs two {@code System.nanoTime()} calls. Process-wide, for one training run at a time.
 */
public final class OpTimes {
    /** The kinds of operation timed. */
    public enum Kind { CONV_FORWARD, CONV_INPUT_GRADIENT, CONV_WEIGHT_GRADIENT, POOLING }

    private static volatile boolean enabled;
    private static final long[] NANOS = new long[Kind.values().length];

    private OpTimes() {
    }

    public static void enable(boolean on) {
        enabled = on;
    }

    /** Zeroes every total. */
    public static void reset() {
        java.util.Arrays.fill(NANOS, 0);
    }

    /** Seconds spent in {@code kind} since the last reset. */
    public static double seconds(Kind kind) {
        return NANOS[kind.ordinal()] / 1e9;
    }

    static long start() {
        return enabled ? System.nanoTime() : 0;
    }

    static void stop(Kind kind, long start) {
        if (enabled) {
            NANOS[kind.ordinal()] += System.nanoTime() - start;
        }
    }
}
