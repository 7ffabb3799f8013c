package dev.tensile.spark;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.tensor.Rng;
import dev.tensile.train.LabeledData;

/**
 * Splits a training set into one shard per partition: a seeded permutation (data files are often sorted by class,
 * and a shard of one class would train a replica that disagrees with the others), then contiguous blocks whose
 * sizes differ by at most one.
 */
final class Shards {
    private Shards() {
    }

    /** The example indices of each shard, in shard order. */
    static int[][] assignment(int examples, int partitions, long seed) {
        if (partitions > examples) {
            throw new IllegalArgumentException("cannot split " + examples + " training examples over " + partitions
                    + " workers: each needs at least one");
        }
        int[] perm = new int[examples];
        for (int i = 0; i < examples; i++) {
            perm[i] = i;
        }
        new Rng(seed).derive("shards").shuffle(perm);
        int[][] out = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) examples * p / partitions);
            int to = (int) ((long) examples * (p + 1) / partitions);
            out[p] = java.util.Arrays.copyOfRange(perm, from, to);
        }
        return out;
    }

    /** One partition: every example in its original order (the identity assignment keeps bit-for-bit equality). */
    static List<Shard> split(LabeledData data, int partitions, long seed) {
        int n = data.size();
        int[][] assign = partitions == 1 ? new int[][] {identity(n)} : assignment(n, partitions, seed);
        int xc = data.inputs().cols();
        int yc = data.targets().cols();
        List<Shard> shards = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int[] rows = assign[p];
            float[] x = new float[rows.length * xc];
            float[] y = new float[rows.length * yc];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(data.inputs().data(), rows[r] * xc, x, r * xc, xc);
                System.arraycopy(data.targets().data(), rows[r] * yc, y, r * yc, yc);
            }
            shards.add(new Shard(p, rows.length, xc, yc, x, y));
        }
        return shards;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
