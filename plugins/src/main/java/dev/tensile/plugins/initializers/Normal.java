package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Weights ~ N(0, std²) with a fixed {@code std} (default 0.05, at least 0) whatever the layer's size; the
 * fan-scaled initializers (he-*, lecun-*, xavier-*) are usually the better choice for deep networks.
 */
public final class Normal implements Initializer {

    @Override
    public String name() {
        return "normal";
    }

    @Override
    public String description() {
        return "normal weights with a fixed standard deviation 'std'";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("std", 0.05, 0, Double.MAX_VALUE, "standard deviation of every weight"));
    }

    @Override
    public WeightInit create(Params params) {
        double std = params.real("std");
        return (w, in, out, rng) -> Fill.normal(w, std, rng);
    }
}
