package dev.tensile.spark;

/**
 * Where a distributed run's time went, per round: wall time of the round's job on the driver against the time the
 * replicas spent training (mean over the partitions that trained); the rest is Spark's (scheduling, broadcast,
 * serialization, reduce).
 */
public final class RunStats {
    private int rounds;
    private long steps;
    private long wallNanos;
    private long trainNanos;
    private final long startNanos = System.nanoTime();
    private long endNanos;

    synchronized void round(long wall, long train, int localSteps) {
        rounds++;
        steps += localSteps;
        wallNanos += wall;
        trainNanos += train;
    }

    synchronized void end() {
        endNanos = System.nanoTime();
    }

    public synchronized int rounds() {
        return rounds;
    }

    /** Mean wall-clock milliseconds per round, driver side. */
    public synchronized double roundMillis() {
        return rounds == 0 ? Double.NaN : wallNanos / 1e6 / rounds;
    }

    /** Mean milliseconds per round the replicas spent in the training loop. */
    public synchronized double trainMillis() {
        return rounds == 0 ? Double.NaN : trainNanos / 1e6 / rounds;
    }

    /** Seconds from the start of the run (data sent, replicas built) to its end. */
    public synchronized double seconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    public synchronized String summary() {
        return String.format("spark: %d rounds (%d local steps), %.1f ms per round: %.1f ms training, %.1f ms in Spark"
                + " (scheduling, broadcast, reduce)", rounds, steps, roundMillis(), trainMillis(),
                roundMillis() - trainMillis());
    }
}
