package dev.tensile.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Max and average pooling over NHWC images, forward and backward. A window is a {@link ConvGeometry} (its
 * channels are the images' channels; dilation is honoured too); taps over the padding are left out, so a max
 * never picks a padded zero and an average divides by the taps inside the image (as Keras does; PyTorch's
 * {@code count_include_pad=True} default divides by the whole window). Global average pooling is the average
 * pool whose window is the whole image.
 *
 * <p>Max pooling sends each output gradient to the input it came from: the first of equal maxima, the first NaN
 * if there is one. The forward pass records which tap of its window won ({@code i * kernelW + j}, as a float, in
 * the caller's {@code taps}); the backward pass reads only those and the output gradient. Windows that tile the
 * image (stride = size, no padding, no dilation: the usual 2x2 pool) take a fast path ({@link TiledMaxPool}) that
 * writes every input gradient once; other windows add each gradient to its winner. Work is split over images on
 * the {@link ComputePool}, each image written by one task, so the result does not depend on the thread count.
 * An instance keeps its call's arguments (no allocation per call) and serves one caller at a time.
 */
public final class Pooling implements IntConsumer {
    private static final int MAX_FORWARD = 0;
    private static final int MAX_BACKWARD = 1;
    private static final int AVG_FORWARD = 2;
    private static final int AVG_BACKWARD = 3;
    private static final TiledMaxPool TILED = TiledMaxPool.create();

    private final ComputePool pool;
    private int op;
    private ConvGeometry g;
    private float[] in;
    private float[] out;
    private float[] taps;
    private int images;
    private int tasks;

    public Pooling() {
        this.pool = ComputePool.shared();
    }

    /**
     * {@code y[images x outPixels*channels]} = window maxima of x; {@code taps} (as large as y) = the winning tap of
     * each, {@code i * kernelW + j}.
     */
    public void maxForward(float[] x, int images, ConvGeometry g, float[] y, float[] taps) {
        check(x, images, g, y);
        checkTaps(taps, images, g);
        start(MAX_FORWARD, x, images, g, y, taps);
    }

    /** {@code dx} = the output gradients dy sent to the winning taps that the forward pass recorded; overwrites dx. */
    public void maxBackward(float[] dy, float[] taps, int images, ConvGeometry g, float[] dx) {
        check(dx, images, g, dy);
        checkTaps(taps, images, g);
        start(MAX_BACKWARD, dy, images, g, dx, taps);
    }

    private static void checkTaps(float[] taps, int images, ConvGeometry g) {
        if ((long) images * g.outPixels() * g.channels() > taps.length) {
            throw new IllegalArgumentException("taps buffer too small for " + images + " images of " + g);
        }
    }

    /** True when the windows tile the image: stride = size, no padding, no dilation (the fast path). */
    public static boolean tiles(ConvGeometry g) {
        return g.strideH() == g.kernelH() && g.strideW() == g.kernelW() && g.padTop() == 0 && g.padLeft() == 0
                && g.dilationH() == 1 && g.dilationW() == 1;
    }

    /** {@code y} = window averages of x over the taps inside the image. */
    public void avgForward(float[] x, int images, ConvGeometry g, float[] y) {
        check(x, images, g, y);
        start(AVG_FORWARD, x, images, g, y, null);
    }

    /** {@code dx} = each output gradient spread evenly over its window's taps inside the image; overwrites dx. */
    public void avgBackward(float[] dy, int images, ConvGeometry g, float[] dx) {
        check(dx, images, g, dy);
        start(AVG_BACKWARD, dy, images, g, dx, null);
    }

    private static void check(float[] x, int images, ConvGeometry g, float[] y) {
        if ((long) images * g.inputSize() > x.length || (long) images * g.outPixels() * g.channels() > y.length) {
            throw new IllegalArgumentException("buffers too small for " + images + " images of " + g);
        }
    }

    private void start(int op, float[] in, int images, ConvGeometry g, float[] out, float[] taps) {
        this.op = op;
        this.in = in;
        this.out = out;
        this.taps = taps;
        this.images = images;
        this.g = g;
        this.tasks = pool.tasksFor(images);
        try {
            pool.run(pool.threads(), tasks, this);
        } finally {
            this.in = null;
            this.out = null;
            this.taps = null;
        }
    }

    @Override
    public void accept(int task) {
        int n0 = ComputePool.share(images, task, tasks);
        int n1 = ComputePool.share(images, task + 1, tasks);
        switch (op) {
            case MAX_FORWARD -> {
                if (tiles(g)) {
                    TILED.forward(in, out, taps, g, n0, n1);
                } else {
                    maxForward(in, out, taps, g, n0, n1);
                }
            }
            case MAX_BACKWARD -> {
                if (tiles(g)) {
                    TILED.backward(in, taps, out, g, n0, n1);
                } else {
                    maxBackward(in, taps, out, g, n0, n1);
                }
            }
            case AVG_FORWARD -> avg(in, out, g, n0, n1, false);
            default -> avg(out, in, g, n0, n1, true);
        }
    }

    private static void maxForward(float[] x, float[] y, float[] taps, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int ih0 = oh * g.strideH() - g.padTop();
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    boolean first = true;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int ih = ih0 + i * g.dilationH();
                        if (ih < 0 || ih >= g.inH()) {
                            continue;
                        }
                        for (int j = 0; j < g.kernelW(); j++) {
                            int iw = iw0 + j * g.dilationW();
                            if (iw < 0 || iw >= g.inW()) {
                                continue;
                            }
                            int s = image + (ih * g.inW() + iw) * c;
                            float tap = i * g.kernelW() + j;
                            if (first) {
                                for (int ch = 0; ch < c; ch++) {
                                    y[o + ch] = x[s + ch];
                                    taps[o + ch] = tap;
                                }
                                first = false;
                            } else {
                                for (int ch = 0; ch < c; ch++) {
                                    float v = x[s + ch];
                                    if (!(v <= y[o + ch]) && !Float.isNaN(y[o + ch])) {
                                        y[o + ch] = v;
                                        taps[o + ch] = tap;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void maxBackward(float[] dy, float[] taps, float[] dx, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        Arrays.fill(dx, n0 * g.inputSize(), n1 * g.inputSize(), 0f);
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    for (int ch = 0; ch < c; ch++) {
                        int tap = (int) taps[o + ch];
                        int ih = oh * g.strideH() - g.padTop() + tap / g.kernelW() * g.dilationH();
                        int iw = ow * g.strideW() - g.padLeft() + tap % g.kernelW() * g.dilationW();
                        dx[image + (ih * g.inW() + iw) * c + ch] += dy[o + ch];
                    }
                }
            }
        }
    }

    /** Forward: y = mean of x's window. Backward (x is dx, y is dy): dx += dy / taps over the window. */
    private static void avg(float[] x, float[] y, ConvGeometry g, int n0, int n1, boolean backward) {
        int c = g.channels();
        if (backward) {
            Arrays.fill(x, n0 * g.inputSize(), n1 * g.inputSize(), 0f);
        }
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int ih0 = oh * g.strideH() - g.padTop();
                int rows = taps(ih0, g.kernelH(), g.dilationH(), g.inH());
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    float inv = 1f / (rows * taps(iw0, g.kernelW(), g.dilationW(), g.inW()));
                    if (!backward) {
                        Arrays.fill(y, o, o + c, 0f);
                    }
                    for (int i = 0; i < g.kernelH(); i++) {
                        int ih = ih0 + i * g.dilationH();
                        if (ih < 0 || ih >= g.inH()) {
                            continue;
                        }
                        for (int j = 0; j < g.kernelW(); j++) {
                            int iw = iw0 + j * g.dilationW();
                            if (iw < 0 || iw >= g.inW()) {
                                continue;
                            }
                            int s = image + (ih * g.inW() + iw) * c;
                            if (backward) {
                                for (int ch = 0; ch < c; ch++) {
                                    x[s + ch] += y[o + ch] * inv;
                                }
                            } else {
                                for (int ch = 0; ch < c; ch++) {
                                    y[o + ch] += x[s + ch];
                                }
                            }
                        }
                    }
                    if (!backward) {
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] *= inv;
                        }
                    }
                }
            }
        }
    }

    /** How many of the taps {@code start + t * dilation}, t < kernel, fall in [0, size). */
    private static int taps(int start, int kernel, int dilation, int size) {
        int count = 0;
        for (int t = 0; t < kernel; t++) {
            int p = start + t * dilation;
            if (p >= 0 && p < size) {
                count++;
            }
        }
        return count;
    }
}
