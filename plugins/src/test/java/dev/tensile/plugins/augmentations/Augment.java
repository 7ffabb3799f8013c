package dev.tensile.plugins.augmentations;

import java.util.Map;

import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Augmentation;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** Test helpers: augmenters by name, and batches of random images with one-hot labels. */
final class Augment {
    static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private Augment() {
    }

    static Augmentation.Augmenter augmenter(String name, Map<String, ?> params) {
        PluginRegistry.Bound<Augmentation> b = REGISTRY.bind(Augmentation.class, name, params);
        return b.plugin().create(b.params());
    }

    /** {@code rows} values uniform in [0.1, 1) (never 0, so a zero always means "filled"). */
    static Matrix images(int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) rng.uniform(0.1, 1);
        }
        return m;
    }

    static Matrix oneHot(int rows, int classes, long seed) {
        Rng rng = new Rng(seed);
        Matrix y = new Matrix(rows, classes);
        for (int r = 0; r < rows; r++) {
            y.set(r, rng.nextInt(classes), 1f);
        }
        return y;
    }
}
