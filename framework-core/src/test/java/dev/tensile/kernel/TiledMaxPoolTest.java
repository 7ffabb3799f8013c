package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.tensile.tensor.Rng;

/**
 * The tiled max pool of the provider's choice (Vector API or scalar) gives the same bits as the scalar one, on
 * channel counts below, at and past a vector's width, with ties (relu's zeros), NaN and an odd size cut by the
 * stride.
 */
class TiledMaxPoolTest {

    @Test
    void chosenImplementationMatchesTheScalarOne() {
        for (int channels : new int[] {1, 3, 16, 37, 64}) {
            ConvGeometry g = ConvGeometry.of(7, 6, channels, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1);
            Rng rng = new Rng(channels);
            int images = 3;
            float[] x = new float[images * g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                double u = rng.uniform(-1, 1);
                x[i] = u < 0 ? 0f : (float) Math.floor(u * 4); // many ties
            }
            x[5] = Float.NaN;
            float[] dy = new float[images * g.outPixels() * channels];
            for (int i = 0; i < dy.length; i++) {
                dy[i] = (float) rng.uniform(-1, 1);
            }
            TiledMaxPool scalar = new TiledMaxPool();
            TiledMaxPool chosen = TiledMaxPool.create();
            float[] y1 = new float[dy.length];
            float[] y2 = new float[dy.length];
            float[] t1 = new float[dy.length];
            float[] t2 = new float[dy.length];
            float[] dx1 = new float[x.length];
            float[] dx2 = new float[x.length];
            java.util.Arrays.fill(dx2, 9f); // every value must be overwritten
            scalar.forward(x, y1, t1, g, 0, images);
            chosen.forward(x, y2, t2, g, 0, images);
            scalar.backward(dy, t1, dx1, g, 0, images);
            chosen.backward(dy, t2, dx2, g, 0, images);
            assertThat(y2).as("%d channels", channels).isEqualTo(y1);
            assertThat(t2).as("%d channels", channels).isEqualTo(t1);
            assertThat(dx2).as("%d channels", channels).isEqualTo(dx1);
            double sumDy = 0;
            double sumDx = 0;
            for (float v : dy) {
                sumDy += v;
            }
            for (float v : dx1) {
                sumDx += v;
            }
            assertThat(sumDx).as("each window passes its gradient on once").isCloseTo(sumDy, org.assertj.core.api.Assertions.within(1e-4));
        }
    }
}
