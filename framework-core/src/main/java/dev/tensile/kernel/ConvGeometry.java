package dev.tensile.kernel;

/**
 * The shape of one 2-D convolution or pooling window over NHWC images: an input of {@code inH x inW x channels},
 * a window of {@code kernelH x kernelW} taps spaced {@code dilationH}, {@code dilationW} apart, moved by
 * {@code strideH}, {@code strideW}, over the input padded with zeros by {@code padTop}, {@code padLeft} (and as much
 * at the bottom and right as the output size implies). Output pixel (oh, ow) reads input row
 * {@code oh * strideH - padTop + i * dilationH} for tap row i, and likewise for columns.
 */
public record ConvGeometry(int inH, int inW, int channels, int kernelH, int kernelW, int strideH, int strideW,
                           int padTop, int padLeft, int dilationH, int dilationW, int outH, int outW) {

    public ConvGeometry {
        if (inH < 1 || inW < 1 || channels < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1
                || dilationH < 1 || dilationW < 1 || padTop < 0 || padLeft < 0 || outH < 1 || outW < 1) {
            throw new IllegalArgumentException("bad convolution geometry " + this);
        }
    }

    /**
     * The geometry for explicit padding on each side.
     *
     * @throws IllegalArgumentException when the (dilated) window is larger than the padded input
     */
    public static ConvGeometry of(int inH, int inW, int channels, int kernelH, int kernelW, int strideH, int strideW,
                                  int padTop, int padBottom, int padLeft, int padRight, int dilationH, int dilationW) {
        int effH = (kernelH - 1) * dilationH + 1;
        int effW = (kernelW - 1) * dilationW + 1;
        int spanH = inH + padTop + padBottom - effH;
        int spanW = inW + padLeft + padRight - effW;
        if (spanH < 0 || spanW < 0) {
            throw new IllegalArgumentException("a " + effH + "x" + effW + " window does not fit a " + inH + "x" + inW
                    + " input padded by " + padTop + "/" + padBottom + " rows and " + padLeft + "/" + padRight + " columns");
        }
        return new ConvGeometry(inH, inW, channels, kernelH, kernelW, strideH, strideW, padTop, padLeft,
                dilationH, dilationW, spanH / strideH + 1, spanW / strideW + 1);
    }

    /**
     * The padding of one side pair for {@code 'same'}: the output has ceil(in / stride) pixels, the total padding
     * needed for that is split with the odd one at the end (bottom or right), as Keras and TensorFlow do.
     * Returns {before, after}.
     */
    public static int[] samePadding(int in, int kernel, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int eff = (kernel - 1) * dilation + 1;
        int total = Math.max(0, (out - 1) * stride + eff - in);
        return new int[] {total / 2, total - total / 2};
    }

    /** Values per input image: inH * inW * channels. */
    public int inputSize() {
        return inH * inW * channels;
    }

    /** Output pixels per image: outH * outW. */
    public int outPixels() {
        return outH * outW;
    }

    /** One row of the unfolded matrix: kernelH * kernelW * channels values, in (tap row, tap column, channel) order. */
    public int patchSize() {
        return kernelH * kernelW * channels;
    }

    /** True when unfolding copies the input unchanged (a 1x1 window, stride 1, no padding). */
    public boolean isIdentity() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0
                && outH == inH && outW == inW;
    }
}
