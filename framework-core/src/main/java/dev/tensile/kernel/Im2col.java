package dev.tensile.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Unfolds NHWC images into the rows of a matrix so that a convolution becomes one GEMM, and folds such a matrix
 * back (adding overlapping taps) for the input gradient.
 *
 * <p>Row {@code (n * outH + oh) * outW + ow} of the unfolded matrix holds the window of output pixel (oh, ow) of
 * image n, {@code patchSize} values in (tap row, tap column, channel) order, zeros where the window hangs over
 * the padding. With the kernel stored as a (kh, kw, in, out) array, i.e. a {@code patchSize x filters} matrix,
 * {@code unfolded · kernel} is the NHWC output. Why NHWC: any run of images is one GEMM (images x pixels rows)
 * whose result is already those images' rows of the next layer's input, a window's channels are contiguous (one
 * copy per tap, a whole tap row at once without dilation); NCHW needs one GEMM per image (out x pixels, B3's
 * second convolution 64 x 196 x 288) and ran no faster on one thread and at less than half the speed on two
 * ({@code LayoutJmh}, benchmarks/README.md).
 *
 * <p>Work is split over images on the {@link ComputePool}; each image is written by one task, so the result is
 * the same for any thread count. An instance keeps the arguments of the running call (so that a call allocates
 * nothing) and must not be shared by threads that call it at the same time.
 */
public final class Im2col implements IntConsumer {
    private final ComputePool pool;
    private boolean folding;
    private ConvGeometry g;
    private float[] x;
    private float[] col;
    private int first;
    private int images;
    private int tasks;

    public Im2col() {
        this.pool = ComputePool.shared();
    }

    /** {@code col[images * outPixels x patchSize] = unfold(x[images x inputSize])}; every value of col is written. */
    public void unfold(float[] x, int images, ConvGeometry g, float[] col) {
        unfold(x, 0, images, g, col);
    }

    /** Unfolds images [first, first + images) of x into col, whose row 0 is the first one's first pixel. */
    public void unfold(float[] x, int first, int images, ConvGeometry g, float[] col) {
        checkSizes(x, first + images, g, col, images);
        start(false, x, first, images, g, col);
    }

    /**
     * {@code dx[images x inputSize] = fold(col)}: each input value gets the sum of the unfolded entries that copied
     * it, in a fixed order. Overwrites dx.
     */
    public void fold(float[] col, int images, ConvGeometry g, float[] dx) {
        fold(col, 0, images, g, dx);
    }

    /** Folds col (row 0: image {@code first}'s first pixel) into images [first, first + images) of dx. */
    public void fold(float[] col, int first, int images, ConvGeometry g, float[] dx) {
        checkSizes(dx, first + images, g, col, images);
        start(true, dx, first, images, g, col);
    }

    private void start(boolean folding, float[] x, int first, int images, ConvGeometry g, float[] col) {
        this.folding = folding;
        this.first = first;
        this.x = x;
        this.col = col;
        this.images = images;
        this.g = g;
        this.tasks = pool.tasksFor(images);
        try {
            pool.run(pool.threads(), tasks, this);
        } finally {
            this.x = null;
            this.col = null;
        }
    }

    @Override
    public void accept(int task) {
        int n0 = ComputePool.share(images, task, tasks);
        int n1 = ComputePool.share(images, task + 1, tasks);
        if (folding) {
            fold(col, x, g, first, n0, n1);
        } else {
            unfold(x, col, g, first, n0, n1);
        }
    }

    private static void checkSizes(float[] x, int end, ConvGeometry g, float[] col, int images) {
        if ((long) end * g.inputSize() > x.length || (long) images * g.outPixels() * g.patchSize() > col.length) {
            throw new IllegalArgumentException("buffers too small for " + images + " images of " + g);
        }
    }

    /**
     * Images [n0, n1) of x into rows from 0 of col, on the calling thread: for a caller that splits a batch over the
     * pool itself and multiplies each part while it is still in cache (col then needs to hold only that part).
     */
    public static void unfoldImages(float[] x, int n0, int n1, ConvGeometry g, float[] col) {
        checkSizes(x, n1, g, col, n1 - n0);
        unfold(x, col, g, n0, 0, n1 - n0);
    }

    /** Folds rows from 0 of col into images [n0, n1) of dx (overwritten), on the calling thread. */
    public static void foldImages(float[] col, int n0, int n1, ConvGeometry g, float[] dx) {
        checkSizes(dx, n1, g, col, n1 - n0);
        fold(col, dx, g, n0, 0, n1 - n0);
    }

    /**
     * Images [n0, n1) of x unfolded tap-major into colT, on the calling thread: the transpose of what
     * {@link #unfoldImages} writes, {@code colT[t * rows + row]} for tap t of the window and row {@code row} of the
     * rows of these images ({@code rows = (n1 - n0) * outPixels}). For windows with few values per tap row
     * ({@link #narrow}): the values of one tap along a row of output pixels are then contiguous (a run of the
     * image's row with a stride of 1), where the row-major matrix scatters them patchSize apart; the GEMMs read this
     * transpose as they read the matrix, with the same bits (B3's first convolution, 1 thread, per batch of 128:
     * forward 2.9 to 2.1 ms, backward 5.8 to 4.8 ms).
     */
    public static void unfoldImagesTapMajor(float[] x, int n0, int n1, ConvGeometry g, float[] colT) {
        checkSizes(x, n1, g, colT, n1 - n0);
        int c = g.channels();
        int inH = g.inH();
        int inW = g.inW();
        int outW = g.outW();
        int sw = g.strideW();
        int rows = (n1 - n0) * g.outPixels();
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int rowBase = ((n - n0) * g.outH() + oh) * outW;
                for (int i = 0; i < g.kernelH(); i++) {
                    int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                    boolean inside = ih >= 0 && ih < inH;
                    int src = image + ih * inW * c;
                    for (int j = 0; j < g.kernelW(); j++) {
                        int shift = j * g.dilationW() - g.padLeft();
                        int lo = inside ? firstInside(shift, sw, outW) : outW;
                        int hi = inside ? endInside(shift, sw, inW, outW, lo) : outW;
                        for (int ch = 0; ch < c; ch++) {
                            int to = ((i * g.kernelW() + j) * c + ch) * rows + rowBase;
                            int from = src + shift * c + ch;
                            for (int ow = 0; ow < lo; ow++) {
                                colT[to + ow] = 0f;
                            }
                            if (sw == 1 && c == 1) {
                                // a plain contiguous copy, the first layer of a grey-scale network
                                for (int ow = lo; ow < hi; ow++) {
                                    colT[to + ow] = x[from + ow];
                                }
                            } else {
                                for (int ow = lo; ow < hi; ow++) {
                                    colT[to + ow] = x[from + ow * sw * c];
                                }
                            }
                            for (int ow = hi; ow < outW; ow++) {
                                colT[to + ow] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The first output pixel along a row whose tap at {@code shift} (tap offset minus padding) lies inside the image:
     * the least ow with ow * stride + shift >= 0, at most outW.
     */
    private static int firstInside(int shift, int stride, int outW) {
        return Math.min(outW, Math.max(0, -Math.floorDiv(shift, stride)));
    }

    /** One past the last output pixel whose tap lies inside the image (ow * stride + shift < inW), at least lo. */
    private static int endInside(int shift, int stride, int inW, int outW, int lo) {
        return Math.max(lo, Math.min(outW, -Math.floorDiv(shift - inW, stride)));
    }

    /** Whether a window has few values per tap row (kernel width x channels): a first layer's one or three channels. */
    public static boolean narrow(ConvGeometry g) {
        return g.kernelW() * g.channels() < NARROW;
    }

    /** Below this many values per tap row (kernel width x channels) {@link #unfoldNarrow} runs. */
    static final int NARROW = 16;

    /** Images [first + n0, first + n1) of x into rows from (n0 * outPixels) of col. */
    static void unfold(float[] x, float[] col, ConvGeometry g, int first, int n0, int n1) {
        if (narrow(g)) {
            unfoldNarrow(x, col, g, first, n0, n1);
        } else {
            unfoldWide(x, col, g, first, n0, n1);
        }
    }

    /** {@link #unfold} a tap row at a time: one copy per pixel and tap row, of the taps inside the image. */
    static void unfoldWide(float[] x, float[] col, ConvGeometry g, int first, int n0, int n1) {
        int c = g.channels();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int inH = g.inH();
        int inW = g.inW();
        int k = g.patchSize();
        int tapRow = kw * c;
        boolean contiguous = g.dilationW() == 1;
        for (int n = n0; n < n1; n++) {
            int image = (first + n) * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int ih0 = oh * g.strideH() - g.padTop();
                for (int ow = 0; ow < g.outW(); ow++) {
                    int row = ((n * g.outH() + oh) * g.outW() + ow) * k;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    for (int i = 0; i < kh; i++) {
                        int ih = ih0 + i * g.dilationH();
                        int dst = row + i * tapRow;
                        if (ih < 0 || ih >= inH) {
                            Arrays.fill(col, dst, dst + tapRow, 0f);
                            continue;
                        }
                        int src = image + ih * inW * c;
                        if (contiguous) {
                            // taps jLo..jHi-1 are inside the image: one copy, zeros either side
                            int jLo = Math.max(0, -iw0);
                            int jHi = Math.min(kw, inW - iw0);
                            if (jHi <= jLo) {
                                Arrays.fill(col, dst, dst + tapRow, 0f);
                                continue;
                            }
                            if (jLo > 0) {
                                Arrays.fill(col, dst, dst + jLo * c, 0f);
                            }
                            copy(x, src + (iw0 + jLo) * c, col, dst + jLo * c, (jHi - jLo) * c);
                            if (jHi < kw) {
                                Arrays.fill(col, dst + jHi * c, dst + tapRow, 0f);
                            }
                        } else {
                            for (int j = 0; j < kw; j++) {
                                int iw = iw0 + j * g.dilationW();
                                if (iw < 0 || iw >= inW) {
                                    Arrays.fill(col, dst + j * c, dst + (j + 1) * c, 0f);
                                } else {
                                    copy(x, src + iw * c, col, dst + j * c, c);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #unfold} for windows with few values per tap row (a first layer's one or three channels): one loop
     * per tap along a row of output pixels, instead of a copy of a few values per pixel and tap row, whose call and
     * bounds cost more than the copying (B3's first convolution: a third of its time went there).
     */
    static void unfoldNarrow(float[] x, float[] col, ConvGeometry g, int first, int n0, int n1) {
        int c = g.channels();
        int k = g.patchSize();
        int inH = g.inH();
        int inW = g.inW();
        int outW = g.outW();
        int sw = g.strideW();
        for (int n = n0; n < n1; n++) {
            int image = (first + n) * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int rowBase = (n * g.outH() + oh) * outW * k;
                for (int i = 0; i < g.kernelH(); i++) {
                    int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                    boolean inside = ih >= 0 && ih < inH;
                    int src = image + ih * inW * c;
                    for (int j = 0; j < g.kernelW(); j++) {
                        int tap = rowBase + (i * g.kernelW() + j) * c;
                        int shift = j * g.dilationW() - g.padLeft();
                        int lo = inside ? firstInside(shift, sw, outW) : outW;
                        int hi = inside ? endInside(shift, sw, inW, outW, lo) : outW;
                        for (int ow = 0; ow < lo; ow++) {
                            Arrays.fill(col, tap + ow * k, tap + ow * k + c, 0f);
                        }
                        if (c == 1) {
                            for (int ow = lo; ow < hi; ow++) {
                                col[tap + ow * k] = x[src + ow * sw + shift];
                            }
                        } else {
                            for (int ow = lo; ow < hi; ow++) {
                                int from = src + (ow * sw + shift) * c;
                                int to = tap + ow * k;
                                for (int ch = 0; ch < c; ch++) {
                                    col[to + ch] = x[from + ch];
                                }
                            }
                        }
                        for (int ow = hi; ow < outW; ow++) {
                            Arrays.fill(col, tap + ow * k, tap + ow * k + c, 0f);
                        }
                    }
                }
            }
        }
    }

    static void fold(float[] col, float[] dx, ConvGeometry g, int first, int n0, int n1) {
        int c = g.channels();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int inH = g.inH();
        int inW = g.inW();
        int k = g.patchSize();
        int tapRow = kw * c;
        Arrays.fill(dx, (first + n0) * g.inputSize(), (first + n1) * g.inputSize(), 0f);
        for (int n = n0; n < n1; n++) {
            int image = (first + n) * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int ih0 = oh * g.strideH() - g.padTop();
                for (int ow = 0; ow < g.outW(); ow++) {
                    int row = ((n * g.outH() + oh) * g.outW() + ow) * k;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    for (int i = 0; i < kh; i++) {
                        int ih = ih0 + i * g.dilationH();
                        if (ih < 0 || ih >= inH) {
                            continue;
                        }
                        int src = row + i * tapRow;
                        int dst = image + ih * inW * c;
                        if (g.dilationW() == 1) {
                            int jLo = Math.max(0, -iw0);
                            int jHi = Math.min(kw, inW - iw0);
                            if (jHi > jLo) {
                                add(col, src + jLo * c, dx, dst + (iw0 + jLo) * c, (jHi - jLo) * c);
                            }
                        } else {
                            for (int j = 0; j < kw; j++) {
                                int iw = iw0 + j * g.dilationW();
                                if (iw >= 0 && iw < inW) {
                                    add(col, src + j * c, dx, dst + iw * c, c);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void copy(float[] from, int f, float[] to, int t, int len) {
        if (len < 8) {
            for (int i = 0; i < len; i++) {
                to[t + i] = from[f + i];
            }
        } else {
            System.arraycopy(from, f, to, t, len);
        }
    }

    // a tap row of a window: kernel width x channels values (96 in B3's second convolution), so vectors pay
    private static void add(float[] from, int f, float[] to, int t, int len) {
        VectorOps.addTo(from, f, to, t, len);
    }
}
