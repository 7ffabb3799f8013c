package dev.tensile.plugins.initializers;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Params;

/**
 * Every weight 0. Useful for an output layer or for experiments, not for a hidden layer: its units start identical
 * and, when the weights after them are equal too, stay identical (see {@link SymmetryWarning}, logged once per
 * process). Biases are always zero-initialized by the engine, which is harmless since the weights differ.
 */
public final class Zeros implements Initializer {

    @Override
    public String name() {
        return "zeros";
    }

    @Override
    public String description() {
        return "all weights 0; units stay symmetric, so not for hidden layers";
    }

    @Override
    public WeightInit create(Params params) {
        return (w, in, out, rng) -> {
            SymmetryWarning.warnOnce(name());
            w.fill(0f);
        };
    }
}
