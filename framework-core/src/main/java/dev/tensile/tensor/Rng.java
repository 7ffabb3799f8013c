package dev.tensile.tensor;

import java.util.SplittableRandom;

/**
 * Seeded random numbers. Every random choice in Tensile (initial weights, shuffling, dropout masks,
 * augmentation) draws from an {@code Rng} derived from the one seed a run is given, so a run repeats exactly.
 */
public final class Rng {
    private final long seed;
    private SplittableRandom random;

    public Rng(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** An independent stream for one purpose (say, dropout of layer 3), reproducible from this seed and the name. */
    public Rng derive(String purpose) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
        }
        return new Rng(h ^ (h >>> 31));
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    public double gaussian() {
        return random.nextGaussian();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Fisher-Yates shuffle in place. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
