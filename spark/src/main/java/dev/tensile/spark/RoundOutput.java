package dev.tensile.spark;

import java.io.Serializable;

/**
 * The partial sum of a round over the partitions it has met so far; {@link #merge} is {@code treeReduce}'s function.
 * {@code counted[p]} records how many results of partition p the sum holds, so the driver can check that a retried
 * task was counted exactly once.
 */
final class RoundOutput implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Sum of the replicas' vectors (weights and optimizer state, or scaled gradients). */
    float[] sum;
    final int[] counted;
    final Cursor[] cursors;
    /** Replicas that took at least one step (those that sat the round out contribute no vector). */
    int contributors;
    int maxSteps;
    double lossSum;
    long correct;
    long rows;
    double gradNormSum;
    int normCount;
    /** The first failure met (a NaN in a replica), naming the partition; null when none. */
    RoundFailure failure;
    /** Nanoseconds the replicas spent training, summed (the driver divides by the contributors). */
    long trainNanos;

    RoundOutput(int partitions) {
        this.counted = new int[partitions];
        this.cursors = new Cursor[partitions];
    }

    RoundOutput merge(RoundOutput o) {
        if (sum == null) {
            sum = o.sum;
        } else if (o.sum != null) {
            float[] a = sum;
            float[] b = o.sum;
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        }
        for (int p = 0; p < counted.length; p++) {
            counted[p] += o.counted[p];
            if (o.cursors[p] != null) {
                cursors[p] = o.cursors[p];
            }
        }
        contributors += o.contributors;
        maxSteps = Math.max(maxSteps, o.maxSteps);
        lossSum += o.lossSum;
        correct += o.correct;
        rows += o.rows;
        gradNormSum += o.gradNormSum;
        normCount += o.normCount;
        trainNanos += o.trainNanos;
        if (failure == null) {
            failure = o.failure;
        }
        return this;
    }
}
