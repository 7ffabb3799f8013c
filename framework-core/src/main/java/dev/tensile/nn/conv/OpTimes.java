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

    /**
     * Splits the wall time since {@code start} between two kinds whose work ran interleaved on several threads, in
     * the proportion of the thread time {@code share} measured for each; then clears the share.
     */
    static void split(Kind first, Kind second, long start, Share share) {
        if (enabled) {
            long wall = System.nanoTime() - start;
            long a = share.first.getAndSet(0);
            long b = share.second.getAndSet(0);
            long secondPart = a + b == 0 ? 0 : (long) ((double) wall * b / (a + b));
            NANOS[first.ordinal()] += wall - secondPart;
            NANOS[second.ordinal()] += secondPart;
        }
    }

    /** Thread time of two interleaved kinds of work, added to by the tasks of one pass. */
    static final class Share {
        private final java.util.concurrent.atomic.AtomicLong first = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong second = new java.util.concurrent.atomic.AtomicLong();

        /** Adds the time from {@code start} to {@code end} (two {@link #start} readings) to one of the kinds. */
        void add(long start, long end, boolean toSecond) {
            if (enabled) {
                (toSecond ? second : first).addAndGet(end - start);
            }
        }
    }
}
