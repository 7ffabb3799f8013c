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

    synchronized void round(long wall, long train, int localSteps) {
        rounds++;
        steps += localSteps;
        wallNanos += wall;
        trainNanos += train;
    }

    public synchronized int rounds() {
        return rounds;
    }

    /** Local steps taken so far (the longest replica's, summed over rounds). */
    public synchronized long steps() {
        return steps;
    }

    /** Total wall-clock nanoseconds of the rounds so far, driver side. */
    public synchronized long wallNanos() {
        return wallNanos;
    }

    /** Total nanoseconds the replicas spent training so far (mean over the replicas of each round). */
    public synchronized long trainNanos() {
        return trainNanos;
    }

    /** Mean wall-clock milliseconds per round, driver side. */
    public synchronized double roundMillis() {
        return rounds == 0 ? Double.NaN : wallNanos / 1e6 / rounds;
    }

    /** Mean milliseconds per round the replicas spent in the training loop. */
    public synchronized double trainMillis() {
        return rounds == 0 ? Double.NaN : trainNanos / 1e6 / rounds;
    }

    public synchronized String summary() {
        return String.format("spark: %d rounds (%d local steps), %.1f ms per round: %.1f ms training, %.1f ms in Spark"
                + " (scheduling, broadcast, reduce)", rounds, steps, roundMillis(), trainMillis(),
                roundMillis() - trainMillis());
    }
}
