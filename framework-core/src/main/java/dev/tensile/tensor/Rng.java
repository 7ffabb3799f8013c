package dev.tensile.tensor;

/**
 * Seeded random numbers. Every random choice in Tensile (initial weights, shuffling, dropout masks, augmentation)
 * draws from an {@code Rng} derived from the one seed a run is given, so a run repeats exactly.
 *
 * <p>The generator is SplitMix64 (Steele, Lea and Flood 2014, the generator behind {@code SplittableRandom}),
 * written out here so that its whole state is two numbers that a checkpoint can save and restore.
 */
public final class Rng {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long seed;
    private long state;
    /** Box-Muller makes normals in pairs; the second waits here. NaN when none waits. */
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    public long seed() {
        return seed;
    }

    /** An independent stream for one purpose (say, dropout of layer 3), reproducible from this seed and the name. */
    public Rng derive(String purpose) {
        long h = seed * GAMMA;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
        }
        return new Rng(mix(h));
    }

    public long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Standard normal, by the Box-Muller transform. */
    public double gaussian() {
        double spare = spareGaussian;
        if (!Double.isNaN(spare)) {
            spareGaussian = Double.NaN;
            return spare;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0);
        double u2 = nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        double theta = 2 * Math.PI * u2;
        spareGaussian = r * Math.sin(theta);
        return r * Math.cos(theta);
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Fisher-Yates shuffle in place. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The whole state, for checkpoints: {@link #restore} continues the stream exactly where it was. */
    public State state() {
        return new State(seed, state, spareGaussian);
    }

    /** Moves this stream to a saved position, in place (for layers that hold on to their stream). */
    public void set(State s) {
        this.seed = s.seed();
        this.state = s.position();
        this.spareGaussian = s.spareGaussian();
    }

    public static Rng restore(State s) {
        Rng r = new Rng(s.seed());
        r.state = s.position();
        r.spareGaussian = s.spareGaussian();
        return r;
    }

    /** A saved position in a stream. */
    public record State(long seed, long position, double spareGaussian) {
    }
}
