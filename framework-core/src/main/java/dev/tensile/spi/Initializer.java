package dev.tensile.spi;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** Chooses the starting weights of a layer. */
public interface Initializer extends Plugin {

    /** Binds parameters once per layer. */
    WeightInit create(Params params);

    /** Fills a fanIn x fanOut weight matrix. */
    @FunctionalInterface
    interface WeightInit {
        void fill(Matrix weights, int fanIn, int fanOut, Rng rng);
    }
}
