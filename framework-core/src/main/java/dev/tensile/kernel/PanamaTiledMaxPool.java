package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TiledMaxPool} on the Vector API: a window's channels a vector at a time (the remaining gradient of the
 * channels stays in a register across the taps), the channels past the last whole vector by the scalar loop.
 * Loaded only reflectively, by {@link TiledMaxPool#create}.
 */
final class PanamaTiledMaxPool extends TiledMaxPool {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    void forward(float[] x, float[] y, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        int bound = S.loopBound(c);
        if (bound == 0) {
            super.forward(x, y, g, n0, n1);
            return;
        }
        int rowLen = g.inW() * c;
        int kh = g.kernelH();
        int kw = g.kernelW();
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                int top = image + oh * kh * rowLen;
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    int corner = top + ow * kw * c;
                    int ch = 0;
                    for (; ch < bound; ch += L) {
                        FloatVector m = FloatVector.fromArray(S, x, corner + ch);
                        for (int i = 0; i < kh; i++) {
                            for (int j = i == 0 ? 1 : 0; j < kw; j++) {
                                m = m.max(FloatVector.fromArray(S, x, corner + i * rowLen + j * c + ch));
                            }
                        }
                        m.intoArray(y, o + ch);
                    }
                    for (; ch < c; ch++) {
                        float m = x[corner + ch];
                        for (int i = 0; i < kh; i++) {
                            for (int j = i == 0 ? 1 : 0; j < kw; j++) {
                                m = Math.max(m, x[corner + i * rowLen + j * c + ch]);
                            }
                        }
                        y[o + ch] = m;
                    }
                }
            }
        }
    }

    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        int bound = S.loopBound(c);
        int rowLen = g.inW() * c;
        int kh = g.kernelH();
        int kw = g.kernelW();
        for (int n = n0; n < n1; n++) {
            int image = n * g.inputSize();
            clearUncovered(dx, image, g);
            for (int oh = 0; oh < g.outH(); oh++) {
                int top = image + oh * kh * rowLen;
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    int corner = top + ow * kw * c;
                    for (int ch = 0; ch < bound; ch += L) {
                        FloatVector m = FloatVector.fromArray(S, y, o + ch);
                        FloatVector left = FloatVector.fromArray(S, dy, o + ch);
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                int s = corner + i * rowLen + j * c + ch;
                                FloatVector v = FloatVector.fromArray(S, x, s);
                                VectorMask<Float> hit = v.compare(VectorOperators.EQ, m).or(v.test(VectorOperators.IS_NAN));
                                left.blend(0f, hit.not()).intoArray(dx, s);
                                left = left.blend(0f, hit);
                            }
                        }
                    }
                    if (bound < c) {
                        window(x, y, dy, dx, g, o, corner, bound, c);
                    }
                }
            }
        }
    }
}
