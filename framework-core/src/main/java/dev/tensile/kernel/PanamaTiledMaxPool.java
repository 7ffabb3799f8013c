package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TiledMaxPool} on the Vector API: a window's channels a vector at a time (the maximum and the winning tap
 * stay in registers across the taps), the channels past the last whole vector by the scalar loop. Loaded only
 * reflectively, by {@link TiledMaxPool#create}.
 */
final class PanamaTiledMaxPool extends TiledMaxPool {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * The running maximum and winning tap live in y and taps, not in registers across the taps: with the window's
     * size a variable, JDK 17's C2 boxed the vectors carried around the tap loops and this ran five times slower
     * (4.5 against 0.86 ms for B3's first pool, 128 images; the AVX2 path 6.3 against 0.87; JDK 25 was not hit).
     */
    @Override
    void forward(float[] x, float[] y, float[] taps, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        int bound = S.loopBound(c);
        int rowLen = g.inW() * c;
        int kh = g.kernelH();
        int kw = g.kernelW();
        FloatVector zero = FloatVector.zero(S);
        for (int n = n0; n < n1; n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = output(g, n, oh, ow);
                    int corner = corner(g, n, oh, ow);
                    for (int ch = 0; ch < bound; ch += L) {
                        FloatVector.fromArray(S, x, corner + ch).intoArray(y, o + ch);
                        zero.intoArray(taps, o + ch);
                    }
                    for (int i = 0; i < kh; i++) {
                        for (int j = i == 0 ? 1 : 0; j < kw; j++) {
                            int tap = corner + i * rowLen + j * c;
                            FloatVector id = FloatVector.broadcast(S, i * kw + j);
                            for (int ch = 0; ch < bound; ch += L) {
                                FloatVector m = FloatVector.fromArray(S, y, o + ch);
                                FloatVector v = FloatVector.fromArray(S, x, tap + ch);
                                // v > m, or v is the first NaN (as the scalar loop)
                                VectorMask<Float> take = v.compare(VectorOperators.GT, m).or(
                                        v.compare(VectorOperators.NE, v).and(m.compare(VectorOperators.EQ, m)));
                                m.blend(v, take).intoArray(y, o + ch);
                                FloatVector.fromArray(S, taps, o + ch).blend(id, take).intoArray(taps, o + ch);
                            }
                        }
                    }
                    if (bound < c) {
                        forwardWindow(x, y, taps, g, n, oh, ow, bound, c);
                    }
                }
            }
        }
    }

    @Override
    void backward(float[] dy, float[] taps, float[] dx, ConvGeometry g, int n0, int n1) {
        int c = g.channels();
        int bound = S.loopBound(c);
        int rowLen = g.inW() * c;
        int kh = g.kernelH();
        int kw = g.kernelW();
        FloatVector zero = FloatVector.zero(S);
        for (int n = n0; n < n1; n++) {
            clearUncovered(dx, n * g.inputSize(), g);
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = output(g, n, oh, ow);
                    int corner = corner(g, n, oh, ow);
                    for (int ch = 0; ch < bound; ch += L) {
                        FloatVector d = FloatVector.fromArray(S, dy, o + ch);
                        FloatVector won = FloatVector.fromArray(S, taps, o + ch);
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                zero.blend(d, won.compare(VectorOperators.EQ, i * kw + j))
                                        .intoArray(dx, corner + i * rowLen + j * c + ch);
                            }
                        }
                    }
                    if (bound < c) {
                        backwardWindow(dy, taps, dx, g, n, oh, ow, bound, c);
                    }
                }
            }
        }
    }
}
