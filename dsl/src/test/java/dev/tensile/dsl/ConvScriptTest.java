package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A convolutional network in a script, end to end: CSV pixels read as [8, 8, 1] images, the keywords of the issue,
 * summary shapes and counts, training that learns, a declared input that does not fit the images, the filters and
 * feature-map pictures, and a saved model (with batch-norm's running statistics) that predicts the same after loading.
 */
class ConvScriptTest {

    /** 8x8 images with a bar, vertical (class v) or horizontal (class h), as CSV rows of 64 pixels and a label. */
    static Path bars(Path dir, String name, int n, long seed) throws IOException {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 64; p++) {
            sb.append("p").append(p).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < n; i++) {
            boolean vertical = rnd.nextBoolean();
            int at = rnd.nextInt(8);
            for (int p = 0; p < 64; p++) {
                boolean on = vertical ? p % 8 == at : p / 8 == at;
                sb.append(String.format(Locale.ROOT, "%.3f", (on ? 1 : 0) + 0.3 * rnd.nextGaussian())).append(',');
            }
            sb.append(vertical ? "v" : "h").append('\n');
        }
        return ScriptHarness.write(dir, name, sb.toString());
    }

    @Test
    void aConvNetworkScriptTrainsPlotsSavesAndLoads(@TempDir Path dir) throws IOException {
        bars(dir, "train.csv", 600, 1);
        bars(dir, "test.csv", 200, 2);
        Path script = ScriptHarness.write(dir, "cnn.groovy", """
                data {
                    train csv('train.csv', response: 'label', shape: [8, 8, 1])
                    test  csv('test.csv', response: 'label', shape: [8, 8, 1])
                }
                model {
                    input 8, 8, 1
                    conv 4, kernel: 3, padding: 'same', activation: 'relu'
                    batchNorm()
                    pool 'max', size: 2
                    dropout 0.1
                    conv 6, kernel: 2, padding: 'valid'
                    globalAvgPool()
                    output 2, activation: 'softmax', loss: 'cross-entropy'
                }
                summary()
                train {
                    optimizer 'adam', lr: 1e-2; epochs 10; batch 32; seed 3
                    callback 'gradient-monitor', every: 100, print: true
                    callback 'nan-guard'
                }
                def before = evaluate()
                def p = probe(rows: 16)
                println p
                plot 'activations', probes: [cnn: p], to: 'activations.png'
                plot 'filters', layer: 1, to: 'filters.png'
                plot 'feature-maps', layer: 3, image: 0, to: 'maps.png'
                save 'cnn.tensile'
                load 'cnn.tensile'
                def after = evaluate()
                println "same predictions: " + (before.getConfusionMatrix().toString() == after.getConfusionMatrix().toString())
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).containsPattern("layer 1 \\(conv2d 4 3x3\\) +8x8x4 +40  he-normal")
                .containsPattern("relu \\(applied by conv2d 4 3x3\\) +8x8x4 ")
                .containsPattern("layer 2 \\(batch-norm\\) +8x8x4 +8 ")
                .containsPattern("layer 3 \\(max-pool 2x2 stride 2\\) +4x4x4")
                .containsPattern("layer 5 \\(conv2d 6 2x2\\) +3x3x6 +102")
                .containsPattern("layer 6 \\(global-avg-pool\\) +6")
                .contains("total trainable parameters: 164");
        assertThat(ScriptHarness.accuracy(r.out())).isGreaterThan(0.9);
        assertThat(r.out()).contains("same predictions: true");
        // the diagnostics name conv layers like dense ones, with the relu each applies itself; layers without weights
        // show no gradient norm rather than NaN
        assertThat(r.out()).containsPattern("  layer 1 \\(conv2d 4 3x3\\) \\+ relu +mean .* grad norm +\\d")
                .containsPattern("  layer 5 \\(conv2d 6 2x2\\) \\+ relu +mean .* grad norm +\\d")
                .containsPattern("  layer 3 \\(max-pool 2x2 stride 2\\) +mean .* grad norm +-\n")
                .doesNotContain("NaN");
        assertThat(dir.resolve("activations.png")).exists();
        BufferedImage filters = ImageIO.read(dir.resolve("filters.png").toFile());
        BufferedImage maps = ImageIO.read(dir.resolve("maps.png").toFile());
        assertThat(filters.getWidth()).isGreaterThan(40); // 4 tiles of 3x3, enlarged
        assertThat(maps.getWidth()).isGreaterThan(40);
    }

    @Test
    void aDeclaredImageInputThatDoesNotFitTheDataIsNamed(@TempDir Path dir) throws IOException {
        bars(dir, "train.csv", 50, 1);
        Path script = ScriptHarness.write(dir, "bad.groovy", """
                data { train csv('train.csv', response: 'label', shape: [8, 8, 1]) }
                model { input 4, 4, 4; conv 2; flatten(); output 2 }
                train { epochs 1 }
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("the model's input is [4, 4, 4] (input 4, 4, 4) but the training data's examples are"
                + " [8, 8, 1] images");
    }

    @Test
    void aCsvShapeThatDoesNotFitTheColumnsIsNamed(@TempDir Path dir) throws IOException {
        bars(dir, "train.csv", 20, 1);
        Path script = ScriptHarness.write(dir, "bad.groovy", """
                data { train csv('train.csv', response: 'label', shape: [8, 8, 3]) }
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("examples of shape [8, 8, 3] have 192 values, but the data has 64 features");
    }
}
