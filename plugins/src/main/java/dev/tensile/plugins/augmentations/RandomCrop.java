package dev.tensile.plugins.augmentations;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Pads each training image by {@code padding} pixels on every side (default 4, at least 0; 0 changes nothing) and
 * crops a window of the original size at a uniformly random position, as in the CIFAR recipes. That is a shift by
 * up to {@code padding} in each direction; with {@code padMode} {@code zeros} (default) it is the same as
 * {@link Translate}, with {@code reflect} or {@code edge} the border is mirrored or repeated instead (reflect needs
 * padding below the height and the width). Labels are unchanged. Also takes the image shape: {@code channels},
 * {@code height}, {@code width} (see {@link ImageShape}).
 */
public final class RandomCrop implements Augmentation {

    @Override
    public String name() {
        return "random-crop";
    }

    @Override
    public String description() {
        return "pads training images by 'padding' and crops a random window of the original size";
    }

    @Override
    public List<Param> parameters() {
        List<Param> ps = new ArrayList<>(ImageShape.params());
        ps.add(Param.integer("padding", 4, 0, 65536, "pixels of padding on every side"));
        ps.add(Param.choice("padMode", "zeros", Shift.MODES, "what the padding holds: zeros, reflect or edge"));
        return ps;
    }

    @Override
    public Augmenter create(Params params) {
        ImageShape s = ImageShape.of(params);
        int padding = params.integer("padding");
        String mode = params.text("padMode");
        if (mode.equals("reflect") && padding >= Math.min(s.height(), s.width())) {
            throw new IllegalArgumentException(name() + ": padMode reflect needs padding below the image height and "
                    + "width (" + s.height() + " x " + s.width() + "), got " + padding);
        }
        float[] scratch = new float[(int) s.size()];
        return (inputs, targets, rng) -> {
            s.check(inputs, name());
            if (padding == 0) {
                return;
            }
            for (int r = 0; r < inputs.rows(); r++) {
                int dy = rng.nextInt(2 * padding + 1) - padding;
                int dx = rng.nextInt(2 * padding + 1) - padding;
                Shift.apply(inputs.data(), r * inputs.cols(), scratch, s, dy, dx, mode);
            }
        };
    }
}
