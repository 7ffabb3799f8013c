package dev.tensile.kernel;

import java.util.Arrays;

/**
 * Max pooling over windows that tile the image (stride = size, no padding, no dilation), the common 2x2 pool,
 * for {@link Pooling}: the forward pass is a maximum over whole rows of channels; the backward pass finds each
 * window's winner again by comparing its taps with the maximum, in tap order, so the first of equal maxima (or
 * the first NaN, which is then the maximum) gets the gradient, and writes every input once. Implemented as plain
 * loops here and on the Vector API in {@code PanamaTiledMaxPool} (same results), which {@link #create} picks
 * when {@link VectorOps} runs on the Vector API: the scalar backward loop, with its per-channel select, ran at a
 * third of the speed of the vector one in B3.
 */
class TiledMaxPool {
    private static final String PANAMA = "dev.tensile.kernel.PanamaTiledMaxPool";

    static TiledMaxPool create() {
        if (VectorOps.implementation().equals("panama")) {
            try {
                return (TiledMaxPool) Class.forName(PANAMA).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.getLogger(TiledMaxPool.class.getName()).log(System.Logger.Level.WARNING,
                        "max pooling falls back to scalar loops: " + e);
            }
        }
        return new TiledMaxPool();
    }

    /** y = the maximum of each window of images [n0, n1) of x. */
    void forward(float[] x, float[] y, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        int rowLen = g.inW() * c;
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int top = image + oh * g.kernelH() * rowLen;
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    int left = top + ow * g.kernelW() * c;
                    System.arraycopy(x, left, y, o, c);
                    for (int i = 0; i < g.kernelH(); i++) {
                        for (int j = i == 0 ? 1 : 0; j < g.kernelW(); j++) {
                            int s = left + i * rowLen + j * c;
                            for (int ch = 0; ch < c; ch++) {
                                y[o + ch] = Math.max(y[o + ch], x[s + ch]); // NaN wins, as in the general path
                            }
                        }
                    }
                }
            }
        }
    }

    /** dx (images [n0, n1), overwritten) = dy sent to each window's first maximum of x; y is the forward output. */
    void backward(float[] x, float[] y, float[] dy, float[] dx, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        int rowLen = g.inW() * c;
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            clearUncovered(dx, image, g);
            for (int oh = 0; oh < g.outH(); oh++) {
                int top = image + oh * g.kernelH() * rowLen;
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    int corner = top + ow * g.kernelW() * c;
                    window(x, y, dy, dx, g, o, corner, 0, c);
                }
            }
        }
    }

    /** Channels [c0, c1) of one window, scalar. */
    static void window(float[] x, float[] y, float[] dy, float[] dx, ConvGeometry g, int o, int corner, int c0, int c1) {
        int c = g.channels();
        int rowLen = g.inW() * c;
        for (int ch = c0; ch < c1; ch++) {
            float m = y[o + ch];
            float left = dy[o + ch];
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    int s = corner + i * rowLen + j * c + ch;
                    float v = x[s];
                    boolean hit = v == m || v != v;
                    dx[s] = hit ? left : 0f;
                    if (hit) {
                        left = 0f;
                    }
                }
            }
        }
    }

    /** Rows and columns that no window covers (an odd size cut by the stride) get no gradient. */
    static void clearUncovered(float[] dx, int image, ConvGeometry g) {
        int rowLen = g.inW() * g.channels();
        int coveredRows = g.outH() * g.kernelH();
        int coveredCols = g.outW() * g.kernelW() * g.channels();
        Arrays.fill(dx, image + coveredRows * rowLen, image + g.inputSize(), 0f);
        if (coveredCols < rowLen) {
            for (int r = 0; r < coveredRows; r++) {
                Arrays.fill(dx, image + r * rowLen + coveredCols, image + (r + 1) * rowLen, 0f);
            }
        }
    }
}
