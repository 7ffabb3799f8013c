package dev.tensile.plugins.augmentations;

import java.util.List;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/**
 * The shape of the images the image augmentations work on, from their {@code channels} (default 1), {@code height}
 * and {@code width} (default 28 each, MNIST's) parameters. Each batch row is one image [height, width, channels],
 * channels last as the image sources and the conv layers keep them: row after row, pixel after pixel, a pixel's
 * channels side by side, so the value at row y, column x, channel c is at column {@code (y·width + x)·channels + c}.
 */
record ImageShape(int channels, int height, int width) {

    static List<Param> params() {
        return List.of(Param.integer("channels", 1, 1, 4096, "colour channels per image (1 grey, 3 RGB)"),
                Param.integer("height", 28, 1, 65536, "image height in pixels"),
                Param.integer("width", 28, 1, 65536, "image width in pixels"));
    }

    static ImageShape of(Params params) {
        ImageShape s = new ImageShape(params.integer("channels"), params.integer("height"), params.integer("width"));
        if (s.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an image of " + s.channels + " x " + s.height + " x " + s.width
                    + " values is larger than the largest Java array");
        }
        return s;
    }

    int pixels() {
        return height * width;
    }

    /** The column of pixel (y, x)'s first channel. */
    int pixel(int y, int x) {
        return (y * width + x) * channels;
    }

    long size() {
        return (long) channels * height * width;
    }

    /** Fails, naming the plugin and both numbers, unless every row of {@code inputs} is one image of this shape. */
    void check(Matrix inputs, String plugin) {
        if (inputs.cols() != size()) {
            throw new IllegalArgumentException(plugin + ": images of " + channels + " x " + height + " x " + width
                    + " (channels x height x width, stored height x width x channels) have " + size() + " values, but each input row has "
                    + inputs.cols() + "; set channels, height and width to the shape of the data's images");
        }
    }
}
