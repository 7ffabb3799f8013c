package dev.tensile.dsl.bench;

import java.util.Arrays;

import dev.tensile.spi.Callback;
import dev.tensile.spi.TrainingContext;

/**
 * The spread within one epoch of a training benchmark: the time at the end of every step, and the throughput of
 * each tenth of the epoch, so that a slow stretch (a JIT compilation, another process taking the core) shows as a
 * low minimum rather than hiding in the epoch's mean. Allocates only when it is built.
 */
final class StepTimes implements Callback.Listener {
    static final int SLICES = 10;

    private final long[] ends;
    private final int batch;
    private long start;
    private int steps;

    /** @param maxSteps the most steps an epoch has; later ones are not recorded */
    StepTimes(int maxSteps, int batch) {
        this.ends = new long[maxSteps];
        this.batch = batch;
    }

    @Override
    public void onEpochBegin(TrainingContext context, int epoch) {
        steps = 0;
        start = System.nanoTime();
    }

    @Override
    public void onBatchEnd(TrainingContext context, int step, double loss) {
        if (steps < ends.length) {
            ends[steps++] = System.nanoTime();
        }
    }

    /** Samples/s of the slowest and the fastest tenth of the epoch that just ended, each step counted as a full batch. */
    double[] sliceRange() {
        if (steps < SLICES) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] rates = new double[SLICES];
        long prev = start;
        for (int s = 0; s < SLICES; s++) {
            int from = steps * s / SLICES;
            int to = steps * (s + 1) / SLICES;
            long end = ends[to - 1];
            rates[s] = (double) (to - from) * batch / ((end - prev) / 1e9);
            prev = end;
        }
        Arrays.sort(rates);
        return new double[] {rates[0], rates[SLICES - 1]};
    }
}
