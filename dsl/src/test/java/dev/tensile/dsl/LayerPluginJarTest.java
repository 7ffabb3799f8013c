package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.io.ModelFiles;
import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.GradientChecker;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * A layer type from a jar, as a user adds one: the example project's {@code scale} layer is compiled in the test
 * (javax.tools), jarred with its {@code META-INF/services} file, dropped in a plugin folder, and a script trains a
 * network with it, saves it, loads it, and resumes it from a checkpoint, all without any change to the core.
 */
class LayerPluginJarTest {
    private static final Path EXAMPLE = ScriptHarness.EXAMPLES.resolve("third-party-plugin");
    private static final String CSV = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    @TempDir
    Path plugins;
    @TempDir
    Path dir;

    /** The example's scale layer alone in a jar: its source compiled here, its service file written here. */
    private Path scaleJar() throws IOException {
        Path source;
        try (Stream<Path> s = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            source = s.filter(p -> p.getFileName().toString().equals("Scale.java")).findFirst().orElseThrow();
        }
        Path copy = PluginJars.source("com.example.tensile.Scale", Files.readString(source));
        return PluginJars.build(plugins.resolve("scale-layer.jar"), List.of(copy),
                Map.of("dev.tensile.spi.Layer", "com.example.tensile.Scale"), "2.1.0");
    }

    private String script(int epochs, String extra) {
        return """
                data { train csv('%s', response: 'arm'); split test: 0.2, dev: 0.1, seed: 3 }
                model {
                    input 2
                    dense 32, activation: 'tanh'
                    layer 'scale', bias: true
                    dense 16, activation: 'tanh'
                    scale()
                    output 3
                }
                train {
                    optimizer 'adam', lr: 0.02
                    epochs %d
                    batch 32
                    seed 9
                    callback 'checkpoint', path: 'run.tensile', every: 4
                    onEpochEnd { epoch, log ->
                        if (epoch == 4) java.nio.file.Files.copy(java.nio.file.Path.of('%s', 'run.tensile'),
                                java.nio.file.Path.of('%s', 'at4.tensile'), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
                    }
                %s}
                evaluate()
                println "probabilities: " + predict(x: 0.3, y: -0.2).probabilities()
                save param('out', 'final.tensile')
                """.formatted(CSV, epochs, dir, dir, extra);
    }

    private ScriptHarness.Result run(String name, String text, String... more) {
        Path script = ScriptHarness.write(dir, name, text);
        String[] args = Stream.concat(Stream.of("run", script.toString(), "--plugins", plugins.toString()),
                Stream.of(more)).toArray(String[]::new);
        ScriptHarness.Result r = ScriptHarness.tensile(args);
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        return r;
    }

    private static String probabilities(String out) {
        return out.lines().filter(l -> l.startsWith("probabilities: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no probabilities line in:\n" + out));
    }

    /** The layers of a saved model as its summary names them (activations have rows of their own, left out). */
    private List<String> layers(Path file) {
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins), List.of());
        return ModelFiles.load(file, registry).summary().stream().map(r -> r.layer())
                .filter(l -> l.startsWith("layer ")).toList();
    }

        private static List<Parameter> arrays(Path file, PluginRegistry registry) {
        return ModelFiles.load(file, registry).network().arrays();
    }

    @Test
    void aScriptTrainsSavesLoadsAndResumesANetworkWithALayerFromAJar() throws IOException {
        Path jar = scaleJar();
        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", plugins.toString());
        assertThat(listed.out()).containsPattern("layer\\s+scale\\s+" + java.util.regex.Pattern.quote(jar.toString())
                + "\\s+2\\.1\\.0").doesNotContain("problems:");

        // 8 epochs straight; the checkpoint after epoch 4 is kept aside
        ScriptHarness.Result fit = run("fit.groovy", script(8, ""));
        assertThat(fit.out()).contains("saved the model to " + dir.resolve("final.tensile"));
        assertThat(layers(dir.resolve("final.tensile"))).containsExactly("layer 1 (dense 32)", "layer 2 (scale with bias)",
                "layer 3 (dense 16)", "layer 4 (scale)", "layer 5 (output 3)");
        assertThat(ScriptHarness.accuracy(fit.out())).isGreaterThan(0.6);
        JsonNode json;
        try (ZipFile zip = new ZipFile(dir.resolve("final.tensile").toFile());
             InputStream in = zip.getInputStream(zip.getEntry("model.json"))) {
            json = new ObjectMapper().readTree(in);
        }
        assertThat(json.get("model").get("layers").get(1).toString())
                .isEqualTo("{\"layer\":\"scale\",\"params\":{\"bias\":true}}");
        JsonNode use = null;
        for (JsonNode p : json.get("provenance").get("plugins")) {
            if (p.get("name").asText().equals("scale")) {
                use = p;
            }
        }
        assertThat(use).isNotNull();
        assertThat(use.get("kind").asText()).isEqualTo("layer");
        assertThat(use.get("source").asText()).isEqualTo(jar.toString());
        assertThat(use.get("version").asText()).isEqualTo("2.1.0");

        // a second script loads it and predicts exactly what the first one did
        ScriptHarness.Result load = run("use.groovy", """
                load '%s'
                println "probabilities: " + predict(x: 0.3, y: -0.2).probabilities()
                """.formatted(dir.resolve("final.tensile")));
        assertThat(probabilities(load.out())).isEqualTo(probabilities(fit.out()));

        // 4 epochs, a checkpoint, and 4 more from it are the 8 epochs, bit for bit
        ScriptHarness.Result resumed = run("resume.groovy", script(8, "    resume 'at4.tensile'\n"), "-Pout=resumed.tensile");
        assertThat(resumed.out()).contains("after epoch 4, up to epoch 8");
        assertThat(probabilities(resumed.out())).isEqualTo(probabilities(fit.out()));
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins), List.of());
        List<Parameter> straight = arrays(dir.resolve("final.tensile"), registry);
        List<Parameter> again = arrays(dir.resolve("resumed.tensile"), registry);
        assertThat(again).hasSameSizeAs(straight);
        for (int i = 0; i < straight.size(); i++) {
            assertThat(again.get(i).value().data()).as(straight.get(i).name()).isEqualTo(straight.get(i).value().data());
        }
        // the gains moved away from 1: the layer learned
        assertThat(straight.get(2).name()).endsWith("gain");
        double moved = 0;
        for (float g : straight.get(2).value().data()) {
            moved = Math.max(moved, Math.abs(g - 1f));
        }
        assertThat(moved).isGreaterThan(1e-3);
    }

    /** The whole example project as its own build makes it: every source, every service file. */
    private Path exampleJar() throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Map<String, String> services = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(EXAMPLE.resolve("src/main/resources/META-INF/services"))) {
            for (Path f : s.toList()) {
                services.put(f.getFileName().toString(), Files.readString(f).strip());
            }
        }
        return PluginJars.build(plugins.resolve("example-plugins.jar"), sources, services, "1.0.0");
    }

    @Test
    void theExampleReadmesScriptRunsWithTheExampleJar() throws IOException {
        exampleJar();
        String readme = Files.readString(EXAMPLE.resolve("README.md"));
        int from = readme.indexOf("```groovy\n");
        assertThat(from).as("a groovy snippet in the example's README").isNotNegative();
        String snippet = readme.substring(from + "```groovy\n".length(), readme.indexOf("```", from + 3))
                .replace("'examples/data/spirals.csv'", "'" + CSV.replace("\\", "\\\\") + "'");
        ScriptHarness.Result r = run("readme.groovy", snippet);
        assertThat(r.out()).contains("saved the model to " + dir.resolve("spirals-scaled.tensile"));
        assertThat(layers(dir.resolve("spirals-scaled.tensile"))).contains("layer 2 (scale)", "layer 4 (scale with bias)");
    }

    @Test
    void theJarsLayerHasTheGradientsOfFiniteDifferences() throws IOException {
        scaleJar();
        PluginRegistry registry = PluginRegistry.discover(List.of(plugins), List.of());
        ModelSpec spec = new ModelSpec(3, List.of(
                new LayerSpec(new PluginRef("dense", Map.of("units", 4)), PluginRef.of("tanh"), null),
                new LayerSpec(new PluginRef("scale", Map.of("bias", true)), null, null)),
                new LayerSpec(new PluginRef("dense", Map.of("units", 2)), PluginRef.of("softmax"), null), "cross-entropy");
        Network net = new NetworkBuilder(registry, new ScalarGemm()).build(spec, 1).network();
        Rng rng = new Rng(2);
        for (Parameter p : net.parameters()) {
            if (p.name().endsWith("gain") || p.name().endsWith(".bias") && p.name().contains("scale")) {
                for (int i = 0; i < p.value().size(); i++) {
                    p.value().data()[i] = (float) (1 + 0.5 * rng.gaussian()); // away from the start, so all terms matter
                }
            }
        }
        Matrix x = new Matrix(6, 3);
        Matrix y = new Matrix(6, 2);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 3; c++) {
                x.set(r, c, (float) rng.gaussian());
            }
            y.set(r, rng.nextInt(2), 1);
        }
        GradientChecker.Report report = new GradientChecker(1e-2, 1e-2).check(net, x, y);
        assertThat(report.checked()).isEqualTo((int) net.parameterCount());
        assertThat(report.maxRelativeError()).as(report.toString()).isLessThan(1e-2);
    }
}
