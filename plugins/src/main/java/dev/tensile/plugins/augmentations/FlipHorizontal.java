package dev.tensile.plugins.augmentations;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Mirrors each training image left to right with probability {@code probability} (default 0.5, in [0, 1]); labels
 * are unchanged, so use it only where a mirrored example keeps its class (photos, not digits or text). Also takes
 * the image shape: {@code channels}, {@code height}, {@code width} (see {@link ImageShape}).
 */
public final class FlipHorizontal implements Augmentation {

    @Override
    public String name() {
        return "flip-horizontal";
    }

    @Override
    public String description() {
        return "mirrors training images left-right with probability 'probability'";
    }

    @Override
    public List<Param> parameters() {
        List<Param> ps = new ArrayList<>(ImageShape.params());
        ps.add(Param.real("probability", 0.5, 0, 1, "chance that an image is mirrored"));
        return ps;
    }

    @Override
    public Augmenter create(Params params) {
        ImageShape s = ImageShape.of(params);
        double probability = params.real("probability");
        return (inputs, targets, rng) -> {
            s.check(inputs, name());
            float[] d = inputs.data();
            int w = s.width();
            for (int r = 0; r < inputs.rows(); r++) {
                if (!(rng.nextDouble() < probability)) {
                    continue;
                }
                for (int line = 0; line < s.channels() * s.height(); line++) {
                    int o = r * inputs.cols() + line * w;
                    for (int x = 0; x < w / 2; x++) {
                        float t = d[o + x];
                        d[o + x] = d[o + w - 1 - x];
                        d[o + w - 1 - x] = t;
                    }
                }
            }
        };
    }
}
