package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.tensor.Rng;

/** Scripts that read IDX, LibSVM and CSV through Tribuo, scale, evaluate and diagnose, run end to end. */
class DataScriptsTest {
    @TempDir
    Path dir;

    /**
     * 4x4 images in two classes: class 0 lights pixels of the top half, class 1 the bottom half, with values 60..255;
     * pixel 15 is never lit, so Tribuo's feature map lacks it and only the declared input width knows it.
     */
    static void writeIdx(Path images, Path labels, int n, long seed) throws IOException {
        Rng rng = new Rng(seed);
        try (DataOutputStream img = idx(images, 3, n, 4, 4); DataOutputStream lab = idx(labels, 1, n)) {
            for (int i = 0; i < n; i++) {
                int c = i % 2;
                for (int p = 0; p < 16; p++) {
                    boolean lit = p != 15 && (p < 8) == (c == 0) && rng.nextDouble() < 0.7;
                    img.writeByte(lit ? 60 + rng.nextInt(196) : 0);
                }
                lab.writeByte(c);
            }
        }
    }

    private static DataOutputStream idx(Path file, int dims, int... sizes) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        if (file.toString().endsWith(".gz")) {
            os = new GZIPOutputStream(os);
        }
        DataOutputStream d = new DataOutputStream(os);
        d.writeInt(0x0800 | dims);
        for (int s : sizes) {
            d.writeInt(s);
        }
        return d;
    }

    private ScriptHarness.Result run(String name, String script) {
        Path file = ScriptHarness.write(dir, name, script);
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        return r;
    }

    @Test
    void idxWithMinMaxScalingTrainsEvaluatesAndDiagnoses() throws IOException {
        writeIdx(dir.resolve("train-images.gz"), dir.resolve("train-labels.gz"), 240, 1);
        writeIdx(dir.resolve("test-images"), dir.resolve("test-labels"), 100, 2);
        ScriptHarness.Result r = run("idx.groovy", """
                data {
                    train idx('train-images.gz', 'train-labels.gz')
                    test idx('test-images', 'test-labels')
                    scale 'min-max'
                    dev 0.25
                }
                model { input 16; dense 8, activation: 'relu'; output 2 }
                train { optimizer 'adam', lr: 0.01; epochs 15; batch 16; seed 2 }
                evaluate()
                diagnose humanError: 0.0
                """);
        assertThat(r.out()).contains("data: 180 train, 60 dev, 100 test examples; 16 features, 2 classes");
        assertThat(r.out()).contains("scaling: min-max");
        assertThat(ScriptHarness.accuracy(r.out())).isGreaterThanOrEqualTo(0.97);
        assertThat(r.out()).contains("human-level error 0.00%").contains("diagnosis: neither high bias nor high variance");
    }

    @Test
    void anIdxModelWithANeverLitPixelSavesAndLoadsWithItsFullWidth() throws IOException {
        writeIdx(dir.resolve("train-images"), dir.resolve("train-labels"), 200, 1);
        writeIdx(dir.resolve("test-images"), dir.resolve("test-labels"), 100, 2);
        ScriptHarness.Result r = run("save.groovy", """
                data { train idx('train-images', 'train-labels'); test idx('test-images', 'test-labels') }
                model { input 16; dense 8, activation: 'relu'; output 2 }
                train { optimizer 'adam', lr: 0.01; epochs 10; batch 16 }
                def before = evaluate().accuracy()
                save 'pixels.tensile'
                load 'pixels.tensile'
                def after = evaluate().accuracy()
                println "same accuracy after loading: ${before == after}"
                """);
        assertThat(r.out()).contains("loaded the model from").contains("16 inputs").contains("same accuracy after loading: true");
    }

    @Test
    void aLinearModelOnXorIsDiagnosedWithHighBiasAndToldToGrow() throws IOException {
        // XOR of the signs of x and y: no straight line does much better than chance.
        Rng rng = new Rng(4);
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 400; i++) {
            double x = rng.uniform(-1, 1);
            double y = rng.uniform(-1, 1);
            csv.append(String.format("%.4f,%.4f,%s%n", x, y, (x > 0) == (y > 0) ? "same" : "differ"));
        }
        Files.writeString(dir.resolve("xor.csv"), csv);
        ScriptHarness.Result r = run("xor.groovy", """
                data { train csv('xor.csv', response: 'label'); dev 0.25 }
                model { input 2; output 2 }
                train { optimizer 'adam', lr: 0.05; epochs 20; batch 32 }
                def d = diagnose humanError: 0.01
                println "dominant: ${d.dominant()}"
                """);
        assertThat(r.out()).contains("diagnosis: high bias").contains("dominant: HIGH_BIAS")
                .contains("a bigger network (more units or more layers)");
    }

    @Test
    void libsvmFeaturesArePlacedByIndexUpToTheDeclaredWidth() throws IOException {
        // Feature 3 never occurs: the declared input of 3 still holds it.
        Rng rng = new Rng(6);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            int c = i % 2;
            s.append(c).append(" 1:").append(String.format("%.3f", c * 2 - 1 + 0.3 * rng.gaussian()))
                    .append(" 2:").append(String.format("%.3f", rng.gaussian())).append('\n');
        }
        Files.writeString(dir.resolve("train.libsvm"), s);
        ScriptHarness.Result r = run("svm.groovy", """
                data { train libsvm('train.libsvm'); split test: 0.25, seed: 3 }
                model { input 3; dense 8, activation: 'relu'; output 2 }
                train { optimizer 'adam', lr: 0.01; epochs 20; batch 16 }
                evaluate()
                """);
        assertThat(r.out()).contains("data: 150 train, no dev, 50 test examples; 2 features, 2 classes");
        assertThat(ScriptHarness.accuracy(r.out())).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aTribuoDataSourceBuiltInTheScriptIsAccepted() {
        ScriptHarness.Result r = run("memory.groovy", """
                def f = new org.tribuo.classification.LabelFactory()
                def rows = (0..<100).collect { i ->
                    new org.tribuo.impl.ArrayExample(new org.tribuo.classification.Label(i % 2 ? 'b' : 'a'),
                            ['x', 'y'] as String[], [i % 2 ? 1.0d : -1.0d, (i % 7) / 7.0d] as double[])
                }
                data {
                    train new org.tribuo.datasource.ListDataSource(rows, f,
                            new org.tribuo.provenance.SimpleDataSourceProvenance('in memory', f))
                    split test: 0.2, seed: 1
                }
                model { input 2; output 2 }
                train { optimizer 'adam', lr: 0.05; epochs 10; batch 8 }
                evaluate()
                """);
        assertThat(r.out()).contains("data: 80 train, no dev, 20 test examples; 2 features, 2 classes");
        assertThat(ScriptHarness.accuracy(r.out())).isEqualTo(1.0);
    }

    @Test
    void crossValidationTrainsOneNetworkPerFoldOnExactFolds() throws IOException {
        writeIdx(dir.resolve("images"), dir.resolve("labels"), 120, 3);
        ScriptHarness.Result r = run("cv.groovy", """
                data { train idx('images', 'labels'); scale 'min-max' }
                model { input 16; dense 8, activation: 'relu'; output 2 }
                train { optimizer 'adam', lr: 0.01; epochs 10; batch 16 }
                def folds = crossValidate folds: 4, seed: 5
                println "folds: ${folds.size()}"
                """);
        for (int i = 1; i <= 4; i++) {
            assertThat(r.out()).containsPattern("fold " + i + ": accuracy (0\\.9[5-9]|1\\.0)\\d* on 30 examples");
        }
        assertThat(r.out()).contains("cross-validation (4 folds): accuracy ").contains("folds: 4");
    }

    @Test
    void theFashionMnistExampleExitsCleanlyWithoutItsData() {
        ScriptHarness.Result r = ScriptHarness.tensile("run",
                ScriptHarness.EXAMPLES.resolve("fashion-mnist.groovy").toString(), "-Pdata=" + dir.resolve("none"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Fashion-MNIST is not installed").contains("apt-get install dataset-fashion-mnist");
    }

    @Test
    void theCnnExampleExitsCleanlyWithoutItsDataNamingTheMissingFile() {
        ScriptHarness.Result r = ScriptHarness.tensile("run",
                ScriptHarness.EXAMPLES.resolve("fashion-mnist-cnn.groovy").toString(), "-Pdata=" + dir.resolve("none"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Fashion-MNIST is not installed (no " + dir.resolve("none")
                        .resolve("train-images-idx3-ubyte.gz"))
                .contains("apt-get install dataset-fashion-mnist").contains("-Pdata=DIR")
                .doesNotContain("conv2d"); // it stopped before building the network (summary would name its layers)
        assertThat(r.err()).isEmpty();
    }
}
