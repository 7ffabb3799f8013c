package dev.tensile.plugins.augmentations;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Cutout (DeVries and Taylor 2017): sets a {@code size} x {@code size} square of each training image to 0 in every
 * channel. The square's centre is a uniformly random pixel, and the square is clipped at the border, so near an edge
 * less is cut. Parameter {@code size} (default 8, at least 0; 0 changes nothing). Labels are unchanged. Also takes
 * the image shape: {@code channels}, {@code height}, {@code width} (see {@link ImageShape}).
 */
public final class Cutout implements Augmentation {

    @Override
    public String name() {
        return "cutout";
    }

    @Override
    public String description() {
        return "zeroes a random 'size' x 'size' square of each training image";
    }

    @Override
    public List<Param> parameters() {
        List<Param> ps = new ArrayList<>(ImageShape.params());
        ps.add(Param.integer("size", 8, 0, 65536, "side of the square set to 0, in pixels"));
        return ps;
    }

    @Override
    public Augmenter create(Params params) {
        ImageShape s = ImageShape.of(params);
        int size = params.integer("size");
        return (inputs, targets, rng) -> {
            s.check(inputs, name());
            if (size == 0) {
                return;
            }
            float[] d = inputs.data();
            int h = s.height();
            int w = s.width();
            for (int r = 0; r < inputs.rows(); r++) {
                int top = rng.nextInt(h) - size / 2;
                int left = rng.nextInt(w) - size / 2;
                int y0 = Math.max(0, top);
                int y1 = Math.min(h, top + size);
                int x0 = Math.max(0, left);
                int x1 = Math.min(w, left + size);
                for (int y = y0; y < y1; y++) {
                    int o = r * inputs.cols();
                    java.util.Arrays.fill(d, o + s.pixel(y, x0), o + s.pixel(y, x1), 0f);
                }
            }
        };
    }
}
