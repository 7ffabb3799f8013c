package dev.tensile.plugins.initializers;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Params;

/**
 * Xavier (Glorot) normal: weights ~ N(0, 2/(fan_in + fan_out)), the same variance as {@link XavierUniform},
 * balancing forward activations and backward gradients for tanh and sigmoid. No parameters.
 */
public final class XavierNormal implements Initializer {

    @Override
    public String name() {
        return "xavier-normal";
    }

    @Override
    public String description() {
        return "normal weights with std sqrt(2/(fan_in+fan_out)), for tanh and sigmoid";
    }

    @Override
    public WeightInit create(Params params) {
        return (w, in, out, rng) -> Fill.normal(w, Math.sqrt(2.0 / (in + out)), rng);
    }
}
