package dev.tensile.nn.conv;

import dev.tensile.kernel.ConvGeometry;

/**
 * The test oracle: convolution, pooling and batch normalization as plain loops in double precision over NHWC
 * arrays, written from the definitions (no unfolding, no GEMM), for the fast layers to be compared with.
 */
final class ReferenceConv {
    private ReferenceConv() {
    }

    /** y[n, oh, ow, f] = b[f] + Σ_{i, j, c} x[n, ih, iw, c] w[i, j, c, f], taps over the padding reading 0. */
    static double[] conv(double[] x, int batch, ConvGeometry g, double[] w, double[] b, int filters) {
        double[] y = new double[batch * g.outPixels() * filters];
        for (int n = 0; n < batch; n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    for (int f = 0; f < filters; f++) {
                        double s = b == null ? 0 : b[f];
                        for (int i = 0; i < g.kernelH(); i++) {
                            int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                            for (int j = 0; j < g.kernelW(); j++) {
                                int iw = ow * g.strideW() - g.padLeft() + j * g.dilationW();
                                if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) {
                                    continue;
                                }
                                for (int c = 0; c < g.channels(); c++) {
                                    s += x[((n * g.inH() + ih) * g.inW() + iw) * g.channels() + c]
                                            * w[((i * g.kernelW() + j) * g.channels() + c) * filters + f];
                                }
                            }
                        }
                        y[((n * g.outH() + oh) * g.outW() + ow) * filters + f] = s;
                    }
                }
            }
        }
        return y;
    }

    /** Max (or mean, over the taps inside the image) of each window, per channel. */
    static double[] pool(double[] x, int batch, ConvGeometry g, boolean max) {
        int c = g.channels();
        double[] y = new double[batch * g.outPixels() * c];
        for (int n = 0; n < batch; n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int i = 0; i < g.kernelH(); i++) {
                            for (int j = 0; j < g.kernelW(); j++) {
                                int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                                int iw = ow * g.strideW() - g.padLeft() + j * g.dilationW();
                                if (ih < 0 || ih >= g.inH() || iw < 0 || iw >= g.inW()) {
                                    continue;
                                }
                                double v = x[((n * g.inH() + ih) * g.inW() + iw) * c + ch];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        y[((n * g.outH() + oh) * g.outW() + ow) * c + ch] = max ? acc : acc / count;
                    }
                }
            }
        }
        return y;
    }

    /** Batch normalization with the batch's statistics (biased variance), features innermost. */
    static double[] batchNorm(double[] x, int rows, int features, double[] gamma, double[] beta, double eps) {
        double[] y = new double[x.length];
        for (int f = 0; f < features; f++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) {
                mean += x[r * features + f];
            }
            mean /= rows;
            double var = 0;
            for (int r = 0; r < rows; r++) {
                double d = x[r * features + f] - mean;
                var += d * d;
            }
            var /= rows;
            for (int r = 0; r < rows; r++) {
                y[r * features + f] = gamma[f] * (x[r * features + f] - mean) / Math.sqrt(var + eps) + beta[f];
            }
        }
        return y;
    }

    /** A function of a double array, for central differences. */
    interface Fn {
        double[] apply(double[] x);
    }

    /**
     * The gradient of {@code L = Σ dy · f(x)} with respect to x, by central differences in double precision with
     * step h: the oracle for a backward pass given the upstream gradient dy.
     */
    static double[] numericGradient(Fn f, double[] x, double[] dy, double h) {
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + h;
            double up = dot(dy, f.apply(x));
            x[i] = saved - h;
            double down = dot(dy, f.apply(x));
            x[i] = saved;
            grad[i] = (up - down) / (2 * h);
        }
        return grad;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] toDouble(float[] a, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
