package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Weights ~ U(-limit, limit) with a fixed {@code limit} (default 0.05, at least 0) whatever the layer's size.
 */
public final class Uniform implements Initializer {

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String description() {
        return "uniform weights in +-'limit'";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("limit", 0.05, 0, Double.MAX_VALUE, "weights are drawn from [-limit, limit)"));
    }

    @Override
    public WeightInit create(Params params) {
        double limit = params.real("limit");
        return (w, in, out, rng) -> Fill.uniform(w, limit, rng);
    }
}
