package dev.tensile.dsl.examples;

import static dev.tensile.dsl.examples.Examples.after;
import static dev.tensile.dsl.examples.Examples.assertPicture;
import static dev.tensile.dsl.examples.Examples.line;
import static dev.tensile.dsl.examples.Examples.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples reproduce the background text's experiments: each runs (some reduced through -P overrides) and its
 * key figures are checked against the text, and the pictures it draws are real pictures.
 */
class ExamplesTest {

    @TempDir
    Path out;

    @Test
    void initExplosionOverflowsAroundLayer31AndTheScaledSchemesSurvive() throws Exception {
        String o = Examples.run("init-explosion", "seeds=4", "out=" + out);
        // std-1 weights multiply the spread by about sqrt(256) = 16 per layer; float32 ends near 3.4e38 = 16^32
        double firstInf = after(o, "normal std 1, linear: first infinite output at layer");
        assertThat(firstInf).isBetween(28.0, 34.0);
        assertThat(after(o, ", first NaN at layer")).isBetween(firstInf, firstInf + 3);
        // a float32 sum of squares passes 3.4e38 when the elements are only about 1e18: half way
        assertThat(after(o, "a float32 sum of squares (the norm) would overflow from layer")).isBetween(13.0, 18.0);
        assertThat(o).contains("normal std 1/sqrt(256), linear: all 100 layers finite");
        // Xavier + tanh: the text got mean 0.0047, std 0.0452; over seeds the std ranges about 0.02 to 0.11
        String tanh = line(o, "xavier-uniform + tanh: all 100 layers finite");
        assertThat(Math.abs(after(tanh, "mean"))).isLessThan(0.05);
        assertThat(after(tanh, "std")).isBetween(0.02, 0.12);
        String spread = line(o, "xavier-uniform + tanh over 4 seeds");
        assertThat(after(spread, "from")).isGreaterThan(0.015);
        assertThat(after(spread, "to")).isLessThan(0.15);
        // He + ReLU keeps the spread of order 1; Xavier + ReLU halves the variance every layer
        String at50 = line(o, "std at layer 50:");
        assertThat(after(at50, "he-normal + relu")).isBetween(0.3, 3.0);
        assertThat(after(at50, "xavier-uniform + relu")).isLessThan(1e-6).isPositive();
        assertThat(o).contains("he-normal + relu: all 100 layers finite");
        // the table: std-1 column overflows, printed as inf or NaN, by layer 40
        assertThat(line(o, "40 ")).contains("NaN");
        assertPicture(out.resolve("init-explosion.png"), 600, 400);
    }

    @Test
    void regressionFitsFriedmanAndDiagnoseSeesTheNetworkMemoriseTheNoise() {
        String o = Examples.run("regression");
        // y's variance is about 24 and its noise variance 1: a good fit explains most of the rest
        assertThat(after(o, "R^2 = {y=")).isBetween(0.8, 0.96);
        // below the noise floor on the training set, above it on the dev set: memorised noise
        assertThat(after(o, "training RMSE")).isLessThan(1.0);
        assertThat(after(o, "dev RMSE")).isGreaterThan(1.0);
        assertThat(o).contains("diagnosis: high variance (overfitting)");
        assertThat(after(o, "predicted y at x1..x5 = 0.5:")).isBetween(12.5, 16.5);
    }

    @Test
    void zeroInitializationKeepsUnitsIdenticalOnlyWhenNothingBreaksTheSymmetry() {
        String o = Examples.run("zero-init", "epochs=15");
        // columns: weight spread, bias spread, largest |w|, dev error
        List<Double> tanh = numbers(line(o, "zeros everywhere, tanh").substring(32));
        assertThat(tanh.subList(0, 3)).containsOnly(0.0);                 // nothing moved at all
        List<Double> sigmoid = numbers(line(o, "zeros everywhere, sigmoid").substring(32));
        assertThat(sigmoid.get(0)).isZero();                                // units identical ...
        assertThat(sigmoid.get(1)).isZero();
        assertThat(sigmoid.get(2)).isGreaterThan(0.05);                     // ... although they learned
        List<Double> drift = numbers(line(o, "zeros hidden, random output").substring(32));
        assertThat(drift.get(0)).isGreaterThan(0.05);                       // a random layer after them breaks the tie
        List<Double> random = numbers(line(o, "random (xavier-uniform), tanh").substring(32));
        assertThat(random.get(0)).isGreaterThan(0.1);
        assertThat(random.get(3)).isLessThan(sigmoid.get(3));               // and a network of distinct units does better
    }

    @Test
    void overfittingIsDiagnosedAndRegularizationLowersTheDevError() throws Exception {
        String o = Examples.run("overfitting", "epochs=300", "dev=500", "cures=l2,dropout", "out=" + out);
        assertThat(line(o, "diagnosis:")).contains("high variance (overfitting)");
        // columns: train, dev, test error
        List<Double> plain = numbers(line(o, "no cure "));
        List<Double> l2 = numbers(line(o, "L2 "));
        List<Double> dropout = numbers(line(o, "dropout "));
        assertThat(plain.get(0)).as("the big network memorises its training points").isLessThan(0.1);
        assertThat(plain.get(1) - plain.get(0)).as("variance").isGreaterThan(0.1);
        assertThat(Math.min(l2.get(1), dropout.get(1))).as("best regularized dev error").isLessThan(plain.get(1) - 0.02);
        assertThat(Math.min(l2.get(2), dropout.get(2))).as("best regularized test error").isLessThan(plain.get(2));
        assertThat(l2.get(0)).as("L2 gives up some training fit").isGreaterThan(plain.get(0));
        BufferedImage boundaries = assertPicture(out.resolve("overfitting-boundaries.png"), 900, 300);
        assertThat(boundaries.getWidth()).isEqualTo(3 * 330);               // one panel per model, side by side
        assertPicture(out.resolve("overfitting-loss.png"), 900, 200);
    }

    @Test
    void crossEntropyStaysFiniteWhereTheNaiveFormulaIsInfinite() {
        String o = Examples.run("cross-entropy");
        // columns: z, naive 1-q float32, naive p float32, naive p double, Tensile, exact
        for (String z : List.of("1.00 ", "18.0 ", "89.0 ", "710 ", "1.00e+03 ", "1.00e+30 ")) {
            List<Double> row = numbers(line(o, String.format("%8s", z.trim()) + " "));
            assertThat(row).hasSize(6);
            assertThat(row.get(4)).as("Tensile's loss at z = %s", z).isFinite();
            assertThat(row.get(4) / row.get(5)).as("Tensile vs exact at z = %s", z).isCloseTo(1.0, within(1e-5));
        }
        assertThat(numbers(line(o, "    18.0 ")).get(1)).isInfinite();
        assertThat(numbers(line(o, "    89.0 ")).get(2)).isInfinite();
        assertThat(numbers(line(o, "     710 ")).get(3)).isInfinite();
        assertThat(numbers(line(o, "    1.00 ")).subList(1, 5)).allSatisfy(v -> assertThat(v).isCloseTo(1.31326, within(1e-4)));
        assertThat(line(o, "Tensile's gradient")).contains("[1.000, -1.000]");
    }

    @Test
    void sweepTabulatesDevAccuracyAndPicksTheBest() {
        String o = Examples.run("sweep", "epochs=6", "lrs=0.0001,0.01", "lambdas=0,1");
        List<Double> slow = numbers(line(o, "0.0001 "));
        List<Double> fast = numbers(line(o, "0.01 "));
        assertThat(slow).hasSize(3);
        assertThat(fast).hasSize(3);
        double best = after(o, "dev accuracy");
        assertThat(best).isEqualTo(Math.max(Math.max(slow.get(1), slow.get(2)), Math.max(fast.get(1), fast.get(2))));
        // 6 epochs at lr 1e-4 barely move a network that lr 1e-2 trains well
        assertThat(fast.get(1)).isGreaterThan(slow.get(1) + 0.2);
        assertThat(line(o, "best on dev:")).contains("lr 0.01");
    }
}
