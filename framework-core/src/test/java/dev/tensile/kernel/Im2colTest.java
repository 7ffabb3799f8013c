package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The two ways of unfolding write the same matrix: the narrow one (a loop per tap along a row of pixels, for few
 * values per tap row) against the wide one (a copy per pixel and tap row), over padding on every side, strides,
 * dilation and one to five channels, every value written.
 */
class Im2colTest {
    private static final ConvGeometry[] GEOMETRIES = {
        ConvGeometry.of(28, 28, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1), // B3's first convolution
        ConvGeometry.of(7, 6, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1), // RGB, 'same'
        ConvGeometry.of(9, 7, 2, 3, 2, 2, 2, 0, 1, 1, 0, 1, 1), // stride 2, odd padding
        ConvGeometry.of(9, 9, 1, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2), // dilation 2
        ConvGeometry.of(6, 8, 5, 1, 3, 1, 3, 0, 0, 2, 2, 1, 1), // 1x3 window, stride 3 across
        ConvGeometry.of(5, 5, 1, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1), // the window is the image
    };

    @Test
    void theNarrowUnfoldingWritesWhatTheWideOneDoes() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (ConvGeometry g : GEOMETRIES) {
            assertThat(g.kernelW() * g.channels()).as("%s takes the narrow path", g).isLessThan(Im2col.NARROW);
            int images = 3;
            float[] x = GemmTest.random(rnd, images * g.inputSize());
            int values = 2 * g.outPixels() * g.patchSize();
            float[] wide = new float[values];
            Im2col.unfoldWide(x, wide, g, 1, 0, 2);
            float[] narrow = new float[values];
            Arrays.fill(narrow, Float.NaN);
            Im2col.unfoldNarrow(x, narrow, g, 1, 0, 2);
            assertThat(narrow).as("%s", g).containsExactly(wide);
        }
    }

    @Test
    void theTapMajorUnfoldingIsTheTransposeOfTheMatrix() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (ConvGeometry g : GEOMETRIES) {
            assertThat(Im2col.narrow(g)).as("%s", g).isTrue();
            int images = 4;
            float[] x = GemmTest.random(rnd, images * g.inputSize());
            int rows = 2 * g.outPixels();
            int k = g.patchSize();
            float[] matrix = new float[rows * k];
            Im2col.unfoldImages(x, 1, 3, g, matrix);
            float[] tapMajor = new float[rows * k + 5];
            Arrays.fill(tapMajor, Float.NaN);
            Im2col.unfoldImagesTapMajor(x, 1, 3, g, tapMajor);
            for (int row = 0; row < rows; row++) {
                for (int t = 0; t < k; t++) {
                    assertThat(tapMajor[t * rows + row]).as("%s row %d tap %d", g, row, t)
                            .isEqualTo(matrix[row * k + t]);
                }
            }
            assertThat(tapMajor[rows * k]).as("nothing written past the chunk").isNaN();
        }
    }
}
