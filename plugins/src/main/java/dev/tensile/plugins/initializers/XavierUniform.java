package dev.tensile.plugins.initializers;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Params;

/**
 * Xavier (Glorot) uniform: weights ~ U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)), which balances the
 * variance of activations forward and of gradients backward for tanh and sigmoid.
 */
public final class XavierUniform implements Initializer {

    @Override
    public String name() {
        return "xavier-uniform";
    }

    @Override
    public String description() {
        return "uniform weights in +-sqrt(6/(fan_in+fan_out)), for tanh and sigmoid";
    }

    @Override
    public WeightInit create(Params params) {
        return (w, in, out, rng) -> {
            double limit = Math.sqrt(6.0 / (in + out));
            float[] d = w.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) rng.uniform(-limit, limit);
            }
        };
    }
}
