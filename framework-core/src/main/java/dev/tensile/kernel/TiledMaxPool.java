package dev.tensile.kernel;

import java.util.Arrays;

/**
 * Max pooling over windows that tile the image (stride = size, no padding, no dilation), the common 2x2 pool,
 * for {@link Pooling}. The forward pass keeps each window's maximum and which tap won ({@code i * kernelW + j}, as a
 * float, in {@code taps}): the first of equal maxima, or the first NaN, which is then the maximum. The backward pass
 * reads only the output gradient and those taps, and writes every input once: it never reads the forward pass's
 * input again (a quarter of the traffic of finding the winner again for a 2x2 pool). Implemented as plain loops here
 * and on the Vector API in {@code PanamaTiledMaxPool} (same results), which {@link #create} picks when
 * {@link VectorOps} runs on the Vector API.
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

    /** y = the maximum of each window of images [n0, n1) of x; taps = the winning tap of each. */
    void forward(float[] x, float[] y, float[] taps, ConvGeometry g, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    forwardWindow(x, y, taps, g, n, oh, ow, 0, g.channels());
                }
            }
        }
    }

    /** dx (images [n0, n1), overwritten) = dy sent to each window's winning tap. */
    void backward(float[] dy, float[] taps, float[] dx, ConvGeometry g, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            clearUncovered(dx, n * g.inputSize(), g);
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    backwardWindow(dy, taps, dx, g, n, oh, ow, 0, g.channels());
                }
            }
        }
    }

    /** Index of output (n, oh, ow, channel 0). */
    static int output(ConvGeometry g, int n, int oh, int ow) {
        return ((n * g.outH() + oh) * g.outW() + ow) * g.channels();
    }

    /** Index of input (n, oh * kernelH, ow * kernelW, channel 0): the window's first tap. */
    static int corner(ConvGeometry g, int n, int oh, int ow) {
        return n * g.inputSize() + (oh * g.kernelH() * g.inW() + ow * g.kernelW()) * g.channels();
    }

    /** Channels [c0, c1) of one window, forward, scalar. */
    static void forwardWindow(float[] x, float[] y, float[] taps, ConvGeometry g, int n, int oh, int ow, int c0,
                              int c1) {
        int c = g.channels();
        int rowLen = g.inW() * c;
        int o = output(g, n, oh, ow);
        int corner = corner(g, n, oh, ow);
        for (int ch = c0; ch < c1; ch++) {
            float m = x[corner + ch];
            int won = 0;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = i == 0 ? 1 : 0; j < g.kernelW(); j++) {
                    float v = x[corner + i * rowLen + j * c + ch];
                    // v > m, or v is the first NaN: the same rule as the general path
                    if (!(v <= m) && m == m) {
                        m = v;
                        won = i * g.kernelW() + j;
                    }
                }
            }
            y[o + ch] = m;
            taps[o + ch] = won;
        }
    }

    /** Channels [c0, c1) of one window, backward, scalar. */
    static void backwardWindow(float[] dy, float[] taps, float[] dx, ConvGeometry g, int n, int oh, int ow, int c0,
                               int c1) {
        int c = g.channels();
        int rowLen = g.inW() * c;
        int o = output(g, n, oh, ow);
        int corner = corner(g, n, oh, ow);
        for (int ch = c0; ch < c1; ch++) {
            float d = dy[o + ch];
            float won = taps[o + ch];
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                    dx[corner + i * rowLen + j * c + ch] = i * g.kernelW() + j == won ? d : 0f;
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
