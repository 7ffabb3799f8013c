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
                int c = s.channels();
                for (int y = 0; y < s.height(); y++) {
                    for (int x = 0; x < w / 2; x++) {
                        int left = r * inputs.cols() + s.pixel(y, x);
                        int right = r * inputs.cols() + s.pixel(y, w - 1 - x);
                        for (int ch = 0; ch < c; ch++) {
                            float t = d[left + ch];
                            d[left + ch] = d[right + ch];
                            d[right + ch] = t;
                        }
                    }
                }
            }
        };
    }
}
