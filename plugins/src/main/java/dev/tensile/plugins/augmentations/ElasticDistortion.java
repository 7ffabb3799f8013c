package dev.tensile.plugins.augmentations;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Rng;

/**
 * Elastic distortion (Simard, Steinkraus and Platt, 2003): for each training image, a random displacement field
 * (uniform in [-1, 1] per pixel and direction) is smoothed with a Gaussian of standard deviation {@code sigma} pixels,
 * scaled by {@code alpha}, and the image is resampled at the displaced positions (bilinear, 0 beyond the border), the
 * same field for every channel. Parameters: {@code alpha} (default 8, at least 0; 0 changes nothing), {@code sigma}
 * (default 4, in [0.5, 50]); the paper used alpha 34, sigma 4 on MNIST. Also takes the image shape:
 * {@code channels}, {@code height}, {@code width} (see {@link ImageShape}). Labels are unchanged.
 */
public final class ElasticDistortion implements Augmentation {

    @Override
    public String name() {
        return "elastic-distortion";
    }

    @Override
    public String description() {
        return "warps training images with a smooth random displacement field (Simard 2003): strength 'alpha', smoothness 'sigma'";
    }

    @Override
    public List<Param> parameters() {
        List<Param> ps = new ArrayList<>(ImageShape.params());
        ps.add(Param.real("alpha", 8, 0, 1000, "scale of the displacement, in pixels per unit of the smoothed field"));
        ps.add(Param.real("sigma", 4, 0.5, 50, "standard deviation of the smoothing Gaussian, in pixels"));
        return ps;
    }

    @Override
    public Augmenter create(Params params) {
        ImageShape s = ImageShape.of(params);
        double alpha = params.real("alpha");
        float[] kernel = gaussian(params.real("sigma"));
        int plane = s.height() * s.width();
        float[] scratch = new float[(int) s.size()];
        float[] dx = new float[plane];
        float[] dy = new float[plane];
        float[] tmp = new float[plane];
        return (inputs, targets, rng) -> {
            s.check(inputs, name());
            if (alpha == 0) {
                return;
            }
            for (int r = 0; r < inputs.rows(); r++) {
                field(dx, tmp, kernel, s, rng, alpha);
                field(dy, tmp, kernel, s, rng, alpha);
                int offset = r * inputs.cols();
                float[] data = inputs.data();
                System.arraycopy(data, offset, scratch, 0, scratch.length);
                for (int y = 0; y < s.height(); y++) {
                    for (int x = 0; x < s.width(); x++) {
                        int i = y * s.width() + x;
                        int o = offset + s.pixel(y, x);
                        for (int c = 0; c < s.channels(); c++) {
                            data[o + c] = (float) Rotate.bilinear(scratch, c, s, x + dx[i], y + dy[i]);
                        }
                    }
                }
            }
        };
    }

    /** A smoothed, scaled random field: uniform noise, a separable Gaussian blur (zero beyond the border), times alpha. */
    private static void field(float[] f, float[] tmp, float[] kernel, ImageShape s, Rng rng, double alpha) {
        int h = s.height();
        int w = s.width();
        int k = kernel.length / 2;
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rng.uniform(-1, 1);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int j = -k; j <= k; j++) {
                    int xx = x + j;
                    if (xx >= 0 && xx < w) {
                        sum += kernel[j + k] * f[y * w + xx];
                    }
                }
                tmp[y * w + x] = (float) sum;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int j = -k; j <= k; j++) {
                    int yy = y + j;
                    if (yy >= 0 && yy < h) {
                        sum += kernel[j + k] * tmp[yy * w + x];
                    }
                }
                f[y * w + x] = (float) (alpha * sum);
            }
        }
    }

    /** A normalised Gaussian kernel reaching out 3 sigma. */
    private static float[] gaussian(double sigma) {
        int k = (int) Math.ceil(3 * sigma);
        float[] g = new float[2 * k + 1];
        double sum = 0;
        for (int i = -k; i <= k; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -k; i <= k; i++) {
            g[i + k] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
        return g;
    }
}
