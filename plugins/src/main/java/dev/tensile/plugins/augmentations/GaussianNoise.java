package dev.tensile.plugins.augmentations;

import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/** Adds N(0, std²) noise to every input value of a training batch; labels are unchanged. */
public final class GaussianNoise implements Augmentation {

    @Override
    public String name() {
        return "gaussian-noise";
    }

    @Override
    public String description() {
        return "adds normal noise with standard deviation 'std' to training inputs";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("std", 0.1, 0, Double.MAX_VALUE, "standard deviation of the noise"));
    }

    @Override
    public Augmenter create(Params params) {
        double std = params.real("std");
        return (inputs, targets, rng) -> {
            if (std == 0) {
                return;
            }
            float[] d = inputs.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += (float) (rng.gaussian() * std);
            }
        };
    }
}
