package dev.tensile.spark;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.Parameter;
import dev.tensile.optim.Optimizer;

/**
 * A network's state as one flat float array, the unit that is broadcast and reduced: every parameter's values in
 * network order, then (when the optimizer state travels too) each optimizer slot of each parameter in the same order.
 */
final class Vectors {
    private Vectors() {
    }

    static int size(List<Parameter> params, int slotsPerParameter) {
        long n = 0;
        for (Parameter p : params) {
            n += (long) p.value().size() * (1 + slotsPerParameter);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the model's parameters and optimizer state (" + n
                    + " floats) are too large to send in one array");
        }
        return (int) n;
    }

    /** Writes the values (and, if {@code optimizer} is not null, its state; zeros before its first step). */
    static void write(List<Parameter> params, Optimizer optimizer, float[] into) {
        int at = 0;
        for (Parameter p : params) {
            float[] v = p.value().data();
            System.arraycopy(v, 0, into, at, v.length);
            at += v.length;
        }
        if (optimizer == null) {
            return;
        }
        for (int s = 0; s < optimizer.slotsPerParameter(); s++) {
            for (Parameter p : params) {
                float[][] slots = optimizer.slots(p);
                int len = p.value().size();
                if (slots.length == 0) {
                    java.util.Arrays.fill(into, at, at + len, 0f);
                } else {
                    System.arraycopy(slots[s], 0, into, at, len);
                }
                at += len;
            }
        }
    }

    /** Writes every parameter's gradient. */
    static void writeGradients(List<Parameter> params, float[] into, float scale) {
        int at = 0;
        for (Parameter p : params) {
            float[] g = p.grad().data();
            if (scale == 1f) {
                System.arraycopy(g, 0, into, at, g.length);
            } else {
                for (int i = 0; i < g.length; i++) {
                    into[at + i] = g[i] * scale;
                }
            }
            at += g.length;
        }
    }

    /** Reads the values, and when {@code optimizer} is not null its state, with {@code steps} as its step count. */
    static void read(float[] from, List<Parameter> params, Optimizer optimizer, long steps) {
        int at = 0;
        for (Parameter p : params) {
            float[] v = p.value().data();
            System.arraycopy(from, at, v, 0, v.length);
            at += v.length;
        }
        if (optimizer == null) {
            return;
        }
        int k = optimizer.slotsPerParameter();
        Map<Parameter, float[][]> saved = new IdentityHashMap<>();
        for (Parameter p : params) {
            saved.put(p, new float[k][]);
        }
        for (int s = 0; s < k; s++) {
            for (Parameter p : params) {
                int len = p.value().size();
                saved.get(p)[s] = java.util.Arrays.copyOfRange(from, at, at + len);
                at += len;
            }
        }
        optimizer.restore(steps, saved);
    }

    /** Reads every parameter's gradient. */
    static void readGradients(float[] from, List<Parameter> params) {
        int at = 0;
        for (Parameter p : params) {
            float[] g = p.grad().data();
            System.arraycopy(from, at, g, 0, g.length);
            at += g.length;
        }
    }
}
