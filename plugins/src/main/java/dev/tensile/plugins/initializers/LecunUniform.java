package dev.tensile.plugins.initializers;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Params;

/**
 * LeCun uniform: weights ~ U(-limit, limit) with limit = sqrt(3/fan_in), the same variance 1/fan_in as
 * {@link LecunNormal}. No parameters.
 */
public final class LecunUniform implements Initializer {

    @Override
    public String name() {
        return "lecun-uniform";
    }

    @Override
    public String description() {
        return "uniform weights in +-sqrt(3/fan_in) (variance 1/fan_in)";
    }

    @Override
    public WeightInit create(Params params) {
        return (w, in, out, rng) -> Fill.uniform(w, Math.sqrt(3.0 / in), rng);
    }
}
