package dev.tensile.plugins.augmentations;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Shifts each training image by a random whole number of pixels, independently up or down and left or right by up
 * to {@code pixels} (default 2, at least 0; 0 changes nothing), each shift equally likely; pixels moved in from
 * beyond the border are 0. Labels are unchanged. Also takes the image shape: {@code channels}, {@code height},
 * {@code width} (see {@link ImageShape}).
 */
public final class Translate implements Augmentation {

    @Override
    public String name() {
        return "translate";
    }

    @Override
    public String description() {
        return "shifts training images by up to 'pixels' in each direction, filling with 0";
    }

    @Override
    public List<Param> parameters() {
        List<Param> ps = new ArrayList<>(ImageShape.params());
        ps.add(Param.integer("pixels", 2, 0, 65536, "largest shift in each direction"));
        return ps;
    }

    @Override
    public Augmenter create(Params params) {
        ImageShape s = ImageShape.of(params);
        int pixels = params.integer("pixels");
        float[] scratch = new float[(int) s.size()];
        return (inputs, targets, rng) -> {
            s.check(inputs, name());
            if (pixels == 0) {
                return;
            }
            for (int r = 0; r < inputs.rows(); r++) {
                int dy = rng.nextInt(2 * pixels + 1) - pixels;
                int dx = rng.nextInt(2 * pixels + 1) - pixels;
                Shift.apply(inputs.data(), r * inputs.cols(), scratch, s, dy, dx, "zeros");
            }
        };
    }
}
