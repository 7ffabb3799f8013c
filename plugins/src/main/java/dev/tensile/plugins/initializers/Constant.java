package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Every weight the same {@code value} (default 0.01, any finite number). Like {@link Zeros} it leaves the units of a
 * layer identical, and the symmetry warning is logged once per process.
 */
public final class Constant implements Initializer {

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public String description() {
        return "all weights equal to 'value'; units stay symmetric, so not for hidden layers";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("value", 0.01, -Double.MAX_VALUE, Double.MAX_VALUE, "the value of every weight"));
    }

    @Override
    public WeightInit create(Params params) {
        float value = (float) params.real("value");
        return (w, in, out, rng) -> {
            SymmetryWarning.warnOnce(name());
            w.fill(value);
        };
    }
}
