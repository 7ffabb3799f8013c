package dev.tensile.plugins.augmentations;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Rotates each training image about its centre by an angle drawn uniformly from [-degrees, degrees] (default 15,
 * in [0, 180]; 0 changes nothing), sampling with bilinear interpolation; pixels that come from beyond the border are
 * 0. Labels are unchanged. Also takes the image shape: {@code channels}, {@code height}, {@code width} (see
 * {@link ImageShape}).
 */
public final class Rotate implements Augmentation {

    @Override
    public String name() {
        return "rotate";
    }

    @Override
    public String description() {
        return "rotates training images by a random angle in +-'degrees' (bilinear, filling with 0)";
    }

    @Override
    public List<Param> parameters() {
        List<Param> ps = new ArrayList<>(ImageShape.params());
        ps.add(Param.real("degrees", 15, 0, 180, "largest rotation either way, in degrees"));
        return ps;
    }

    @Override
    public Augmenter create(Params params) {
        ImageShape s = ImageShape.of(params);
        double degrees = params.real("degrees");
        float[] scratch = new float[(int) s.size()];
        return (inputs, targets, rng) -> {
            s.check(inputs, name());
            if (degrees == 0) {
                return;
            }
            for (int r = 0; r < inputs.rows(); r++) {
                double angle = Math.toRadians(rng.uniform(-degrees, degrees));
                rotate(inputs.data(), r * inputs.cols(), scratch, s, angle);
            }
        };
    }

    /**
     * Rotates the image at {@code data[offset ..]} in place by {@code radians} (counter-clockwise as displayed, y
     * pointing down) about the centre ((width-1)/2, (height-1)/2): each output pixel takes the bilinear
     * interpolation of the input at the inversely rotated position.
     */
    static void rotate(float[] data, int offset, float[] scratch, ImageShape s, double radians) {
        int h = s.height();
        int w = s.width();
        System.arraycopy(data, offset, scratch, 0, (int) s.size());
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x - cx;
                double v = y - cy;
                double sx = cos * u - sin * v + cx;
                double sy = sin * u + cos * v + cy;
                int o = offset + s.pixel(y, x);
                for (int c = 0; c < s.channels(); c++) {
                    data[o + c] = (float) bilinear(scratch, c, s, sx, sy);
                }
            }
        }
    }

    /** Channel {@code c} of the image {@code img} (one image, channels last) read at the real position (sx, sy); 0 beyond the border. */
    static double bilinear(float[] img, int c, ImageShape s, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        return (1 - fy) * ((1 - fx) * pixel(img, c, s, y0, x0) + fx * pixel(img, c, s, y0, x0 + 1))
                + fy * ((1 - fx) * pixel(img, c, s, y0 + 1, x0) + fx * pixel(img, c, s, y0 + 1, x0 + 1));
    }

    private static double pixel(float[] img, int c, ImageShape s, int y, int x) {
        return y < 0 || y >= s.height() || x < 0 || x >= s.width() ? 0 : img[s.pixel(y, x) + c];
    }
}
