package dev.tensile.plugins.augmentations;

import java.util.List;

/**
 * Moves an image by whole pixels, {@code out(y, x) = in(y - dy, x - dx)}, taking pixels from beyond the border as
 * the padding mode says: {@code zeros}, {@code reflect} (mirrored about the edge pixel, which is not repeated, as
 * numpy's {@code reflect}; needs |d| < the side) or {@code edge} (the nearest edge pixel).
 */
final class Shift {
    static final List<String> MODES = List.of("zeros", "reflect", "edge");

    private Shift() {
    }

    /** Shifts the image at {@code data[offset ..]} in place, using {@code scratch} (one image long). */
    static void apply(float[] data, int offset, float[] scratch, ImageShape s, int dy, int dx, String mode) {
        int h = s.height();
        int w = s.width();
        int size = (int) s.size();
        System.arraycopy(data, offset, scratch, 0, size);
        int c = s.channels();
        for (int y = 0; y < h; y++) {
            int sy = source(y - dy, h, mode);
            for (int x = 0; x < w; x++) {
                int sx = source(x - dx, w, mode);
                int o = offset + s.pixel(y, x);
                if (sy < 0 || sx < 0) {
                    java.util.Arrays.fill(data, o, o + c, 0f);
                } else {
                    System.arraycopy(scratch, s.pixel(sy, sx), data, o, c);
                }
            }
        }
    }

    /** The source index for position i of a side of length n, or -1 for a zero. */
    private static int source(int i, int n, String mode) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (mode) {
            case "reflect" -> i < 0 ? -i : 2 * (n - 1) - i;
            case "edge" -> i < 0 ? 0 : n - 1;
            default -> -1;
        };
    }
}
