package dev.tensile.dsl.examples;

import static dev.tensile.dsl.examples.Examples.assertPicture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plot and probe actions on their own: files relative to the script, atomic replacement, one-line errors. */
class PlotAndProbeTest {
    @TempDir
    Path dir;

    private static final String SPIRALS = Examples.DIR.resolve("data/spirals.csv").toAbsolutePath().toString();

    private Examples.Result script(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return Examples.runFile(file);
    }

    private String trained() {
        return "data { train csv('" + SPIRALS + "', response: 'arm'); dev 0.2 }\n"
                + "model { input 2; dense 16, activation: 'relu'; output 3, activation: 'softmax', loss: 'cross-entropy' }\n"
                + "train { epochs 3; seed 1 }\n";
    }

    @Test
    void plotsAreWrittenRelativeToTheScriptAndReplacedWhole() throws Exception {
        Path loss = dir.resolve("pics/loss.png");
        Files.createDirectories(loss.getParent());
        Files.writeString(loss, "an old file that must be replaced");
        Examples.Result r = script("plots.groovy", trained()
                + "plot 'loss', to: 'pics/loss.png'\n"
                + "plot 'boundary', to: 'pics/boundary.png', width: 300, height: 300\n");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("plot: wrote " + loss.toAbsolutePath().normalize());
        assertPicture(loss, 500, 400);
        assertPicture(dir.resolve("pics/boundary.png"), 300, 300);
    }

    @Test
    void probeReportsEveryDenseLayerOfTheCurrentModel() throws Exception {
        Examples.Result r = script("probe.groovy", """
                model {
                    input 8
                    3.times { dense 8, activation: 'identity', init: [name: 'normal', std: 1e19] }
                    output 2, activation: 'softmax', loss: 'cross-entropy'
                }
                def p = probe rows: 2, seed: 5
                def q = probe input: dev.tensile.train.ForwardProbe.standardNormal(2, 8, 5), seed: 5
                println "depth ${p.depth()} first-inf ${p.firstInfinite()} first-nan ${p.firstNaN()} same ${p.layer(1).std() == q.layer(1).std()}"
                """);
        assertThat(r.status()).as(r.err()).isZero();
        // inputs ~1, weights ~1e19: layer 1 ~3e19, layer 2 ~1e39 overflows float32, layer 3 adds +inf and -inf
        assertThat(r.out()).contains("depth 4 first-inf 2 first-nan 3 same true");
    }

    @Test
    void mistakesAreOneLineErrors() throws Exception {
        assertError("kind.groovy", trained() + "plot 'los', to: 'x.png'\n",
                "kind.groovy:4: unknown plot 'los'; did you mean 'loss'? (plots: loss, boundary, activations, filters, feature-maps)");
        assertError("to.groovy", trained() + "plot 'loss'\n", "to.groovy:4: plot 'loss' needs to: 'FILE.png', the picture to write");
        assertError("option.groovy", trained() + "plot 'loss', to: 'x.png', colums: 2\n",
                "option.groovy:4: plot has no option 'colums'; did you mean 'columns'?");
        assertError("untrained.groovy", "plot 'loss', to: 'x.png'\n", "untrained.groovy:1: plot needs a trained model");
        assertError("probe.groovy", "probe rows: 1\n", "probe.groovy:1: probe needs a model { } block first");
    }

    private void assertError(String name, String text, String expected) throws Exception {
        Examples.Result r = script(name, text);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith(expected);
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
