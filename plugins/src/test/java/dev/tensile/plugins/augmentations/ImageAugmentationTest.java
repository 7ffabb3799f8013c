package dev.tensile.plugins.augmentations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tensile.spi.Augmentation;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** The image augmentations on batches of 3-channel 7 x 9 images, channels last ([7, 9, 3]: rows of 189 values). */
class ImageAugmentationTest {
    private static final int C = 3;
    private static final int H = 7;
    private static final int W = 9;
    private static final int ROWS = 40;

    private static Map<String, Object> shape(Object... more) {
        Map<String, Object> p = new HashMap<>(Map.of("channels", C, "height", H, "width", W));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    private static float at(Matrix m, int row, int c, int y, int x) {
        return m.get(row, (y * W + x) * C + c);
    }

    /** Applies the augmentation to a fresh batch; returns {before, after}, and checks the targets were not touched. */
    private static Matrix[] run(String name, Map<String, ?> params, long seed) {
        Matrix x = Augment.images(ROWS, C * H * W, 1);
        Matrix y = Augment.oneHot(ROWS, 4, 2);
        Matrix xBefore = x.copy();
        Matrix yBefore = y.copy();
        Augment.augmenter(name, params).apply(x, y, new Rng(seed));
        assertThat(y.data()).as("labels").containsExactly(yBefore.data());
        assertThat(x.rows()).isEqualTo(ROWS);
        assertThat(x.cols()).isEqualTo(C * H * W);
        return new Matrix[] {xBefore, x};
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip-horizontal:probability", "translate:pixels", "random-crop:padding", "cutout:size",
            "rotate:degrees", "elastic-distortion:alpha"})
    void zeroStrengthIsTheIdentity(String spec) {
        String[] s = spec.split(":");
        Object zero = s[1].equals("probability") || s[1].equals("degrees") || s[1].equals("alpha") ? (Object) 0.0 : (Object) 0;
        Matrix[] r = run(s[0], shape(s[1], zero), 3);
        assertThat(r[1].data()).containsExactly(r[0].data());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip-horizontal", "translate", "random-crop", "cutout", "rotate", "elastic-distortion"})
    void sameSeedSameResultAndAWrongShapeIsAClearError(String name) {
        assertThat(run(name, shape(), 4)[1].data()).containsExactly(run(name, shape(), 4)[1].data());
        assertThat(run(name, shape(), 4)[1].data()).isNotEqualTo(run(name, shape(), 5)[1].data());
        Augmentation.Augmenter a = Augment.augmenter(name, shape());
        assertThatThrownBy(() -> a.apply(new Matrix(2, 100), new Matrix(2, 3), new Rng(1)))
                .hasMessageContaining(name).hasMessageContaining("189").hasMessageContaining("100");
    }

    /**
     * Channels last, checked against the grey case: channel c of a [H, W, 3] image is (c + 1) times one grey image g,
     * so after any geometric augmentation (the same draws: they do not depend on the channel count) channel c must be
     * (c + 1) times g augmented as a [H, W, 1] image. Channel-first indexing mixes pixels of different channels and
     * positions and fails this.
     */
    @ParameterizedTest
    @ValueSource(strings = {"flip-horizontal", "translate", "random-crop", "cutout", "rotate", "elastic-distortion"})
    void everyChannelOfAChannelsLastImageMovesLikeTheGreyImage(String name) {
        Matrix grey = Augment.images(ROWS, H * W, 21);
        Matrix rgb = new Matrix(ROWS, C * H * W);
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < H * W; i++) {
                for (int c = 0; c < C; c++) {
                    rgb.set(r, i * C + c, (c + 1) * grey.get(r, i));
                }
            }
        }
        Map<String, Object> greyShape = new HashMap<>(Map.of("channels", 1, "height", H, "width", W));
        Augment.augmenter(name, greyShape).apply(grey, new Matrix(ROWS, 1), new Rng(22));
        Augment.augmenter(name, shape()).apply(rgb, new Matrix(ROWS, 1), new Rng(22));
        for (int r = 0; r < ROWS; r++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    for (int c = 0; c < C; c++) {
                        // exact for moves; bilinear sums of scaled values round within a few ulps of 1
                        assertThat(at(rgb, r, c, y, x)).as("%s image %d (%d, %d) channel %d", name, r, y, x, c)
                                .isCloseTo((c + 1) * grey.get(r, y * W + x), within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void rotatingAThreeChannelImageByNinetyDegreesMovesWholePixels() {
        ImageShape s = new ImageShape(3, 5, 5);
        Matrix img = Augment.images(1, 75, 23);
        float[] out = img.data().clone();
        Rotate.rotate(out, 0, new float[75], s, Math.PI / 2);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(out[(y * 5 + x) * 3 + c]).isCloseTo(img.data()[(x * 5 + (4 - y)) * 3 + c], within(1e-6f));
                }
            }
        }
    }

    @Test
    void elasticDistortionGrowsWithAlpha() {
        // displacements are alpha times a smoothed field of |values| < 1: a small alpha moves pixels by a fraction of
        // a pixel (a small change), a large one by several (a change comparable to the image itself)
        Matrix[] mild = run("elastic-distortion", shape("alpha", 0.5, "sigma", 2.0), 8);
        Matrix[] strong = run("elastic-distortion", shape("alpha", 40.0, "sigma", 2.0), 8);
        double mildChange = meanAbsDiff(mild[0], mild[1]);
        double strongChange = meanAbsDiff(strong[0], strong[1]);
        assertThat(mildChange).isPositive();
        assertThat(strongChange).isGreaterThan(3 * mildChange);
    }

    private static double meanAbsDiff(Matrix a, Matrix b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += Math.abs(a.data()[i] - b.data()[i]);
        }
        return s / a.size();
    }

    @Test
    void flipMirrorsEveryChannelAndFlippingTwiceRestores() {
        Matrix x = Augment.images(ROWS, C * H * W, 1);
        Matrix original = x.copy();
        Augmentation.Augmenter flip = Augment.augmenter("flip-horizontal", shape("probability", 1.0));
        flip.apply(x, new Matrix(ROWS, 1), new Rng(1));
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int col = 0; col < W; col++) {
                        assertThat(at(x, r, c, y, col)).isEqualTo(at(original, r, c, y, W - 1 - col));
                    }
                }
            }
        }
        flip.apply(x, new Matrix(ROWS, 1), new Rng(2));
        assertThat(x.data()).containsExactly(original.data());
    }

    @Test
    void flipHappensWithTheGivenProbability() {
        // 4000 images, p = 0.3: the count flipped is binomial, standard error sqrt(4000 * 0.3 * 0.7) = 29
        int n = 4000;
        Matrix x = Augment.images(n, C * H * W, 6);
        Matrix original = x.copy();
        Augment.augmenter("flip-horizontal", shape("probability", 0.3)).apply(x, new Matrix(n, 1), new Rng(7));
        int changed = 0;
        for (int r = 0; r < n; r++) {
            if (x.get(r, 0) != original.get(r, 0)) {
                changed++;
            }
        }
        assertThat((double) changed).isCloseTo(0.3 * n, within(5 * Math.sqrt(n * 0.3 * 0.7)));
    }

    /** The oracle for a shift: pad explicitly by {@code p} pixels in the given mode, then crop at (p - dy, p - dx). */
    private static float[] padAndCrop(Matrix m, int row, int p, int dy, int dx, String mode) {
        float[] out = new float[C * H * W];
        for (int c = 0; c < C; c++) {
            float[][] padded = new float[H + 2 * p][W + 2 * p];
            for (int py = 0; py < H + 2 * p; py++) {
                for (int px = 0; px < W + 2 * p; px++) {
                    int y = py - p;
                    int x = px - p;
                    if (mode.equals("reflect")) {
                        y = y < 0 ? -y : y >= H ? 2 * (H - 1) - y : y;
                        x = x < 0 ? -x : x >= W ? 2 * (W - 1) - x : x;
                    } else if (mode.equals("edge")) {
                        y = Math.max(0, Math.min(H - 1, y));
                        x = Math.max(0, Math.min(W - 1, x));
                    }
                    padded[py][px] = y < 0 || y >= H || x < 0 || x >= W ? 0 : at(m, row, c, y, x);
                }
            }
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    out[(y * W + x) * C + c] = padded[p - dy + y][p - dx + x];
                }
            }
        }
        return out;
    }

    /** For every image, the shifts within ±p that explain it; fails if none does. Returns the set of shifts seen. */
    private static Set<List<Integer>> explainByShifts(Matrix before, Matrix after, int p, String mode) {
        Set<List<Integer>> seen = new HashSet<>();
        for (int r = 0; r < ROWS; r++) {
            float[] actual = new float[C * H * W];
            System.arraycopy(after.data(), r * C * H * W, actual, 0, actual.length);
            List<Integer> found = null;
            for (int dy = -p; dy <= p && found == null; dy++) {
                for (int dx = -p; dx <= p && found == null; dx++) {
                    if (java.util.Arrays.equals(actual, padAndCrop(before, r, p, dy, dx, mode))) {
                        found = List.of(dy, dx);
                    }
                }
            }
            assertThat(found).as("image %d is a shift within %d (%s)", r, p, mode).isNotNull();
            seen.add(found);
        }
        return seen;
    }

    @Test
    void translateShiftsByAtMostPixelsFillingWithZero() {
        Matrix[] r = run("translate", shape("pixels", 2), 8);
        // 40 images over 25 possible shifts: many different ones must occur
        assertThat(explainByShifts(r[0], r[1], 2, "zeros")).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeros", "reflect", "edge"})
    void randomCropIsPadThenCrop(String mode) {
        Matrix[] r = run("random-crop", shape("padding", 3, "padMode", mode), 9);
        assertThat(explainByShifts(r[0], r[1], 3, mode)).hasSizeGreaterThan(10);
    }

    @Test
    void reflectPaddingMustBeSmallerThanTheImage() {
        assertThatThrownBy(() -> Augment.augmenter("random-crop", shape("padding", 7, "padMode", "reflect")))
                .hasMessageContaining("reflect");
    }

    @Test
    void cutoutZeroesOneClippedSquareInEveryChannel() {
        int size = 4;
        Matrix[] r = run("cutout", shape("size", size), 10);
        for (int row = 0; row < ROWS; row++) {
            int minY = H;
            int maxY = -1;
            int minX = W;
            int maxX = -1;
            int zeros = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean cut = at(r[1], row, 0, y, x) == 0f;
                    for (int c = 1; c < C; c++) {
                        assertThat(at(r[1], row, c, y, x) == 0f).as("same square in channel %d", c).isEqualTo(cut);
                    }
                    if (cut) {
                        zeros++;
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    } else {
                        for (int c = 0; c < C; c++) {
                            assertThat(at(r[1], row, c, y, x)).isEqualTo(at(r[0], row, c, y, x));
                        }
                    }
                }
            }
            assertThat(zeros).as("a non-empty solid rectangle of at most size x size")
                    .isPositive().isEqualTo((maxY - minY + 1) * (maxX - minX + 1));
            assertThat(maxY - minY + 1).isLessThanOrEqualTo(size);
            assertThat(maxX - minX + 1).isLessThanOrEqualTo(size);
        }
    }

    @Test
    void rotatingByNinetyDegreesMovesEveryPixelExactly() {
        // a square of odd side: the centre is a pixel and a quarter turn maps pixels onto pixels
        ImageShape s = new ImageShape(1, 5, 5);
        Matrix img = Augment.images(1, 25, 11);
        float[] out = img.data().clone();
        Rotate.rotate(out, 0, new float[25], s, Math.PI / 2);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                // output (y, x) shows input row x, column 4 - y
                assertThat(out[y * 5 + x]).isCloseTo(img.data()[x * 5 + (4 - y)], within(1e-6f));
            }
        }
    }

    @Test
    void rotationInterpolatesWithinTheInputRange() {
        Matrix[] r = run("rotate", shape("degrees", 30.0), 12);
        for (float v : r[1].data()) {
            // bilinear weights are a convex combination of input values and the fill 0
            assertThat(v).isBetween(0f, 1f);
        }
        // a constant image stays constant at its centre pixel whatever the angle
        Matrix flat = new Matrix(ROWS, C * H * W);
        flat.fill(0.5f);
        Augment.augmenter("rotate", shape("degrees", 180.0)).apply(flat, new Matrix(ROWS, 1), new Rng(13));
        for (int row = 0; row < ROWS; row++) {
            assertThat(at(flat, row, 0, H / 2, W / 2)).isCloseTo(0.5f, within(1e-6f));
        }
    }
}
