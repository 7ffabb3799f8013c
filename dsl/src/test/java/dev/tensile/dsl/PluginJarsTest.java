package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drop-in plugin jars: the example third-party project, and every kind of broken jar beside it. */
class PluginJarsTest {
    private static final Path EXAMPLE = ScriptHarness.EXAMPLES.resolve("third-party-plugin");
    private static final String CSV = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    @TempDir
    Path plugins;
    @TempDir
    Path work;

    /** The example project's jar, built from its own sources and service files. */
    private Path exampleJar() throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Path services = EXAMPLE.resolve("src/main/resources/META-INF/services");
        return PluginJars.build(plugins.resolve("example-plugins.jar"), sources, Map.of(
                "dev.tensile.spi.Activation", Files.readString(services.resolve("dev.tensile.spi.Activation")).strip(),
                "dev.tensile.spi.Initializer", Files.readString(services.resolve("dev.tensile.spi.Initializer")).strip()),
                "1.0.0");
    }

    private String trainWithMish() {
        return """
                data { train csv('%s', response: 'arm'); dev 0.2 }
                model { input 2; dense 32, activation: 'mish', init: [name: 'sparse-normal', connections: 2]; output 3 }
                train { epochs 30; optimizer 'adam', lr: 0.02; callback 'progress', every: 30 }
                """.formatted(CSV);
    }

    private static double devAccuracy(String out) {
        return out.lines().filter(l -> l.startsWith("epoch 30:")).map(l -> l.replaceAll(".*dev loss [0-9.]+ acc ([0-9.]+).*", "$1"))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void theExamplePluginsAreListedAndTrain() throws IOException {
        Path jar = exampleJar();
        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", plugins.toString());
        assertThat(listed.out()).containsPattern("activation\\s+mish\\s+" + java.util.regex.Pattern.quote(jar.toString()) + "\\s+1\\.0\\.0")
                .containsPattern("initializer\\s+sparse-normal\\s+.*example-plugins\\.jar\\s+1\\.0\\.0")
                .doesNotContain("problems:");

        Path script = ScriptHarness.write(work, "mish.groovy", trainWithMish());
        ScriptHarness.Result run = ScriptHarness.tensile("run", script.toString(), "--plugins", plugins.toString());
        assertThat(run.err()).isEmpty();
        assertThat(devAccuracy(run.out())).isGreaterThan(0.6);

        ScriptHarness.Result without = ScriptHarness.tensile("run", script.toString());
        assertThat(without.err()).contains("unknown activation 'mish'");
    }

    @Test
    void brokenJarsAreReportedByNameAndTheRestKeepWorking() throws IOException {
        exampleJar();
        Path corrupt = Files.write(plugins.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 9, 9});
        Path missing = PluginJars.build(plugins.resolve("missing-class.jar"), List.of(),
                Map.of("dev.tensile.spi.Activation", "com.example.Gone"), "1");
        Path throwing = PluginJars.build(plugins.resolve("throws.jar"), List.of(PluginJars.source("com.example.Angry", """
                package com.example;
                public class Angry implements dev.tensile.spi.Callback {
                    public Angry() { throw new IllegalStateException("no licence key"); }
                    public String name() { return "angry"; }
                    public String description() { return "never built"; }
                    public Listener create(dev.tensile.spi.Params p) { return new Listener() { }; }
                }
                """)), Map.of("dev.tensile.spi.Callback", "com.example.Angry"), "1");
        Path duplicate = PluginJars.build(plugins.resolve("duplicate.jar"), List.of(PluginJars.source("com.example.MyRelu", """
                package com.example;
                public class MyRelu implements dev.tensile.spi.Activation {
                    public String name() { return "relu"; }
                    public String description() { return "a second relu"; }
                    public Function create(dev.tensile.spi.Params p) { return null; }
                }
                """)), Map.of("dev.tensile.spi.Activation", "com.example.MyRelu"), "1");

        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", plugins.toString());
        String problems = listed.out().substring(listed.out().indexOf("problems:"));
        assertThat(problems).contains("plugin jar " + corrupt + ": not a readable jar")
                .contains("plugin jar " + missing + ": ").contains("com.example.Gone")
                .contains("plugin jar " + throwing + ": com.example.Angry failed: IllegalStateException: no licence key")
                .contains("plugin jar " + duplicate + ": activation 'relu' is also a built-in plugin, which wins; this jar's is skipped");
        assertThat(problems.lines().filter(l -> l.startsWith("  plugin jar"))).hasSize(4);
        assertThat(listed.out()).containsPattern("activation\\s+mish\\s+");

        Path script = ScriptHarness.write(work, "mish.groovy", trainWithMish());
        ScriptHarness.Result run = ScriptHarness.tensile("run", script.toString(), "--plugins", plugins.toString());
        assertThat(run.status()).isZero();
        // the callback jar is never built: the script names no callback that the built-ins lack
        assertThat(run.err().lines().filter(l -> l.startsWith("warning: plugin jar"))).hasSize(3);
        assertThat(devAccuracy(run.out())).isGreaterThan(0.6);
    }

    @Test
    void aPluginJarMayContributeAGuiceModuleThatItsPluginsInject() {
        Path module = PluginJars.source("com.example.GreetingModule", """
                package com.example;
                public class GreetingModule extends com.google.inject.AbstractModule {
                    @Override protected void configure() {
                        bind(String.class).annotatedWith(com.google.inject.name.Names.named("greeting")).toInstance("hello from a module");
                    }
                }
                """);
        Path plugin = PluginJars.source("com.example.Greeter", """
                package com.example;
                public class Greeter implements dev.tensile.spi.Callback {
                    @com.google.inject.Inject @com.google.inject.name.Named("greeting") String greeting;
                    public String name() { return "greeter"; }
                    public String description() { return greeting; }
                    public Listener create(dev.tensile.spi.Params p) { return new Listener() { }; }
                }
                """);
        PluginJars.build(plugins.resolve("greeter.jar"), List.of(module, plugin), Map.of(
                "com.google.inject.Module", "com.example.GreetingModule",
                "dev.tensile.spi.Callback", "com.example.Greeter"), "2.0");
        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", plugins.toString());
        assertThat(listed.out()).containsPattern("callback\\s+greeter\\s+.*greeter\\.jar\\s+2\\.0\\s+hello from a module");
    }
}
