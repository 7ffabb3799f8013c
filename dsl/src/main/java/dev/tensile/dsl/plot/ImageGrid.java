package dev.tensile.dsl.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Small grey-scale tiles in a grid, as a PNG: a convolution's learned kernels ({@code plot 'filters'}) or one image's
 * feature maps ({@code plot 'feature-maps'}). Each tile is scaled to its own range (black = its smallest value, white
 * = its largest), enlarged to about 64 pixels, and framed by a 2-pixel white gap.
 */
public final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {
    }

    /**
     * The kernels of a convolution stored (kh, kw, in, out) row-major: one tile per output channel (filter), the
     * taps averaged over the input channels (for a first layer on grey images, channel 0 itself).
     */
    public static Path filters(float[] kernel, int kh, int kw, int in, int out, Path target) {
        float[][] tiles = new float[out][kh * kw];
        for (int f = 0; f < out; f++) {
            for (int t = 0; t < kh * kw; t++) {
                double s = 0;
                for (int c = 0; c < in; c++) {
                    s += kernel[(t * in + c) * out + f];
                }
                tiles[f][t] = (float) (s / in);
            }
        }
        return write(tiles, kh, kw, target);
    }

    /** The channels of one NHWC example ({@code h x w x c} values from {@code offset}): one tile per channel. */
    public static Path featureMaps(float[] values, int offset, int h, int w, int c, Path target) {
        float[][] tiles = new float[c][h * w];
        for (int p = 0; p < h * w; p++) {
            for (int ch = 0; ch < c; ch++) {
                tiles[ch][p] = values[offset + p * c + ch];
            }
        }
        return write(tiles, h, w, target);
    }

    private static Path write(float[][] tiles, int h, int w, Path target) {
        int scale = Math.max(1, 64 / Math.max(h, w));
        int cols = (int) Math.ceil(Math.sqrt(tiles.length));
        int rows = (tiles.length + cols - 1) / cols;
        int tw = w * scale + GAP;
        int th = h * scale + GAP;
        BufferedImage image = new BufferedImage(cols * tw + GAP, rows * th + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        for (int i = 0; i < tiles.length; i++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : tiles[i]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            float range = hi > lo ? hi - lo : 1f;
            int x0 = GAP + (i % cols) * tw;
            int y0 = GAP + (i / cols) * th;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = tiles[i][y * w + x];
                    int grey = Float.isFinite(v) ? Math.round(255 * (v - lo) / range) : 0;
                    int rgb = grey << 16 | grey << 8 | grey;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            image.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return PngFiles.write(image, target);
    }
}
