package dev.tensile.plugins.initializers;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Params;

/**
 * LeCun normal: weights ~ N(0, 1/fan_in), so that with unit-variance inputs each pre-activation has variance 1
 * (the "scale by 1/sqrt(n)" of the background text); the initializer SELU networks assume. No parameters.
 */
public final class LecunNormal implements Initializer {

    @Override
    public String name() {
        return "lecun-normal";
    }

    @Override
    public String description() {
        return "normal weights with std sqrt(1/fan_in)";
    }

    @Override
    public WeightInit create(Params params) {
        return (w, in, out, rng) -> Fill.normal(w, Math.sqrt(1.0 / in), rng);
    }
}
