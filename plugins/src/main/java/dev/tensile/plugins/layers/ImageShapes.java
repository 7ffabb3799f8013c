package dev.tensile.plugins.layers;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.spi.Param;
import dev.tensile.spi.Shape;

/** What the image layers share: the input check and the reading of {@code padding}. */
final class ImageShapes {
    private ImageShapes() {
    }

    /** The {@code padding} parameter: 'same', 'valid' or a number of pixels on each side. */
    static Param padding(String defaultValue) {
        return Param.text("padding", defaultValue,
                "'same' (output size = ceil(input / stride)), 'valid' (no padding) or pixels on each side (0-1024)");
    }

    /** The input as an NHWC image: [height, width, channels]. */
    static void requireImage(Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("needs an image input [height, width, channels], got " + input
                    + (input.isVector() ? " (declare the input as an image, e.g. input 28, 28, 1)" : ""));
        }
    }

    /**
     * The window geometry over an NHWC image input for a square window of {@code size} taps, with the script's
     * padding ('same', 'valid' or a number).
     */
    static ConvGeometry geometry(Shape input, int size, int stride, int dilation, String padding) {
        requireImage(input);
        int h = input.dim(0);
        int w = input.dim(1);
        int top;
        int bottom;
        int left;
        int right;
        if (padding.equals("same")) {
            int[] ph = ConvGeometry.samePadding(h, size, stride, dilation);
            int[] pw = ConvGeometry.samePadding(w, size, stride, dilation);
            top = ph[0];
            bottom = ph[1];
            left = pw[0];
            right = pw[1];
        } else if (padding.equals("valid")) {
            top = bottom = left = right = 0;
        } else if (padding.matches("[0-9]{1,4}") && Integer.parseInt(padding) <= 1024) {
            top = bottom = left = right = Integer.parseInt(padding);
        } else {
            throw new IllegalArgumentException("padding must be 'same', 'valid' or a number of pixels from 0 to 1024, got '"
                    + padding + "'");
        }
        return ConvGeometry.of(h, w, input.dim(2), size, size, stride, stride, top, bottom, left, right, dilation, dilation);
    }

    /** {@code 3x3} or {@code 3x3 stride 2} and the like, for describe(). */
    static String window(ConvGeometry g) {
        return g.kernelH() + "x" + g.kernelW() + (g.strideH() == 1 ? "" : " stride " + g.strideH())
                + (g.dilationH() == 1 ? "" : " dilation " + g.dilationH());
    }
}
