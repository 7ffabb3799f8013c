package dev.tensile.spi;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** Changes training batches (never dev, test or prediction inputs) to show the network more varied data. */
public interface Augmentation extends Plugin {

    Augmenter create(Params params);

    /** A bound augmentation, applied in place to each training batch. */
    @FunctionalInterface
    interface Augmenter {
        /**
         * @param inputs  batch x features, changed in place
         * @param targets batch x outputs (one-hot for classes); augmentations that mix examples change it too
         */
        void apply(Matrix inputs, Matrix targets, Rng rng);
    }
}
