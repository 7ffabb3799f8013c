package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: one hostile plugin jar must not disable the program. Each jar here is built from source in the test;
 * the tests run the real command line in this JVM, so a System.exit that got through would end the test run.
 */
class PluginSandboxTest {
    private static final String CSV = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    @TempDir
    Path plugins;
    @TempDir
    Path work;

    private String oldTimeout;

    @BeforeEach
    void shortTimeout() {
        oldTimeout = System.getProperty("tensile.plugin.timeout");
        System.setProperty("tensile.plugin.timeout", "1");
    }

    @AfterEach
    void restoreTimeout() {
        if (oldTimeout == null) {
            System.clearProperty("tensile.plugin.timeout");
        } else {
            System.setProperty("tensile.plugin.timeout", oldTimeout);
        }
    }

    private Path callbackJar(String jarName, String className, String body) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return PluginJars.build(plugins.resolve(jarName), List.of(PluginJars.source(className, """
                package com.example;
                public class %s implements dev.tensile.spi.Callback {
                    %s
                    public String name() { return "%s"; }
                    public String description() { return "a callback"; }
                    public Listener create(dev.tensile.spi.Params p) { return new Listener() { }; }
                }
                """.formatted(simple, body, simple.toLowerCase()))),
                Map.of("dev.tensile.spi.Callback", className), "1");
    }

    private Path hostileJars() {
        callbackJar("exits.jar", "com.example.Quitter", "public Quitter() { System.exit(3); }");
        callbackJar("halts.jar", "com.example.Halter", "static { Runtime.getRuntime().halt(4); }");
        callbackJar("hangs.jar", "com.example.Sleeper", """
                public Sleeper() {
                    for (;;) { try { Thread.sleep(50); } catch (InterruptedException ignored) { } }
                }""");
        callbackJar("asserts.jar", "com.example.Checker", "public Checker() { throw new AssertionError(\"licence\"); }");
        return plugins;
    }

    private String builtInScript() {
        return """
                data { train csv('%s', response: 'arm') }
                model { input 2; dense 8, activation: 'relu'; output 3 }
                train { epochs 1 }
                """.formatted(CSV);
    }

    @Test
    void exitHaltHangAndErrorInConstructorsAreReportedPerJarAndTheListingGoesOn() {
        hostileJars();
        long start = System.nanoTime();
        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", plugins.toString());
        assertThat(listed.status()).isZero();
        assertThat(listed.out()).containsPattern("activation\\s+relu\\s+built-in");
        String problems = listed.out().substring(listed.out().indexOf("problems:"));
        assertThat(problems)
                .contains("plugin jar " + plugins.resolve("exits.jar") + ": com.example.Quitter failed: com.example.Quitter"
                        + " (plugin jar " + plugins.resolve("exits.jar") + ") called System.exit(3); blocked")
                .contains("com.example.Halter (plugin jar " + plugins.resolve("halts.jar") + ") called Runtime.halt(4); blocked")
                .contains("plugin jar " + plugins.resolve("hangs.jar") + ": com.example.Sleeper did not finish constructing in 1 s")
                .contains("plugin jar " + plugins.resolve("asserts.jar") + ": com.example.Checker failed: AssertionError: licence");
        assertThat(problems.lines().filter(l -> l.startsWith("  plugin jar"))).hasSize(4);
        // one jar's time limit, not one per plugin kind or per listing step
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
    }

    @Test
    void aScriptThatNamesOnlyBuiltInsNeverConstructsJarPlugins() {
        hostileJars();
        Path script = ScriptHarness.write(work, "builtin.groovy", builtInScript());
        ScriptHarness.Result run = ScriptHarness.tensile("run", script.toString(), "--plugins", plugins.toString());
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aScriptThatNamesAJarPluginGetsOneLineWhenItCannotBeBuilt() {
        hostileJars();
        Path script = ScriptHarness.write(work, "quit.groovy", builtInScript().replace("epochs 1", "epochs 1; callback 'quitter'"));
        ScriptHarness.Result run = ScriptHarness.tensile("run", script.toString(), "--plugins", plugins.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("warning: plugin jar " + plugins.resolve("exits.jar") + ": com.example.Quitter failed:")
                .contains("called System.exit(3); blocked")
                .contains("quit.groovy:3: unknown callback 'quitter'");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void guiceModulesThatThrowOrBindTwiceCostOnlyTheirJar() {
        Path throwing = PluginJars.build(plugins.resolve("module-throws.jar"), List.of(PluginJars.source("com.example.BadModule", """
                package com.example;
                public class BadModule extends com.google.inject.AbstractModule {
                    @Override protected void configure() { throw new IllegalStateException("no config file"); }
                }
                """)), Map.of("com.google.inject.Module", "com.example.BadModule"), "1");
        Path twice = PluginJars.build(plugins.resolve("module-twice.jar"), List.of(PluginJars.source("com.example.TwiceModule", """
                package com.example;
                public class TwiceModule extends com.google.inject.AbstractModule {
                    @Override protected void configure() {
                        bind(String.class).toInstance("a");
                        bind(String.class).toInstance("b");
                    }
                }
                """)), Map.of("com.google.inject.Module", "com.example.TwiceModule"), "1");
        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", plugins.toString());
        assertThat(listed.status()).isZero();
        assertThat(listed.out()).containsPattern("activation\\s+relu\\s+built-in")
                .contains("plugin jar " + throwing + ": its Guice module failed: IllegalStateException: no config file; jar skipped")
                .containsPattern("plugin jar " + java.util.regex.Pattern.quote(twice.toString())
                        + ": its Guice module failed: .*String was bound multiple times.*; jar skipped");
        assertThat(listed.out()).doesNotContain("CreationException").doesNotContain("\tat ");

        Path script = ScriptHarness.write(work, "builtin.groovy", builtInScript());
        ScriptHarness.Result run = ScriptHarness.tensile("run", script.toString(), "--plugins", plugins.toString());
        assertThat(run.status()).isZero();
        assertThat(run.err().lines()).hasSize(2).allMatch(l -> l.startsWith("warning: plugin jar ") && l.endsWith("; jar skipped"));
    }

    @Test
    void aDescriptionThatThrowsIsOneProblemAndThePluginIsStillListed() {
        PluginJars.build(plugins.resolve("mute.jar"), List.of(PluginJars.source("com.example.Mute", """
                package com.example;
                public class Mute implements dev.tensile.spi.Callback {
                    public String name() { return "mute"; }
                    public String description() { throw new UnsupportedOperationException("no words"); }
                    public Listener create(dev.tensile.spi.Params p) { return new Listener() { }; }
                }
                """)), Map.of("dev.tensile.spi.Callback", "com.example.Mute"), "1");
        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", plugins.toString());
        assertThat(listed.status()).isZero();
        assertThat(listed.out()).containsPattern("callback\\s+mute\\s+.*mute\\.jar\\s+1\\s+\\(no description: it failed\\)")
                .contains("callback 'mute': description() failed: UnsupportedOperationException: no words");
    }

    @Test
    void anErrorFromPluginCodeDuringTrainingNamesThePluginAndJar() {
        Path jar = PluginJars.build(plugins.resolve("boom.jar"), List.of(PluginJars.source("com.example.Boom", """
                package com.example;
                public class Boom implements dev.tensile.spi.Activation {
                    public String name() { return "boom"; }
                    public String description() { return "fails in forward"; }
                    public Function create(dev.tensile.spi.Params p) {
                        return new Function() {
                            public void forward(dev.tensile.tensor.Matrix z, dev.tensile.tensor.Matrix a) {
                                throw new AssertionError("shape invariant broken");
                            }
                            public void backward(dev.tensile.tensor.Matrix z, dev.tensile.tensor.Matrix a,
                                                 dev.tensile.tensor.Matrix g, dev.tensile.tensor.Matrix gz) { }
                        };
                    }
                }
                """)), Map.of("dev.tensile.spi.Activation", "com.example.Boom"), "1");
        Path script = ScriptHarness.write(work, "boom.groovy", builtInScript().replace("'relu'", "'boom'"));
        ScriptHarness.Result run = ScriptHarness.tensile("run", script.toString(), "--plugins", plugins.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("boom.groovy:3: activation 'boom' from plugin jar " + jar
                + " failed: AssertionError: shape invariant broken");
    }

    @Test
    void aPluginsFolderThatIsMissingOrAFileIsOneLine() throws Exception {
        Path script = ScriptHarness.write(work, "builtin.groovy", builtInScript());
        Path missing = work.resolve("no-such-folder");
        ScriptHarness.Result run = ScriptHarness.tensile("run", script.toString(), "--plugins", missing.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("--plugins " + missing + ": no such folder");
        Path file = Files.writeString(work.resolve("plugins.txt"), "x");
        ScriptHarness.Result listed = ScriptHarness.tensile("plugins", "--plugins", file.toString());
        assertThat(listed.status()).isEqualTo(1);
        assertThat(listed.err().strip()).startsWith("--plugins " + file + ": not a folder");
    }

    @Test
    void aScriptsAssertAndAHugeAllocationAreOneLineEach() {
        Path asserts = ScriptHarness.write(work, "asserts.groovy", "def n = 3\nassert n == 4\n");
        ScriptHarness.Result a = ScriptHarness.tensile("run", asserts.toString());
        assertThat(a.status()).isEqualTo(1);
        assertThat(a.err().strip()).isEqualTo("asserts.groovy:2: assertion failed: assert n == 4");
        // 16 GB: refused at once by the JVM, whatever -Xmx the tests run with
        Path huge = ScriptHarness.write(work, "huge.groovy", "def n = 2_000_000_000\ndef a = new long[n]\n");
        ScriptHarness.Result h = ScriptHarness.tensile("run", huge.toString());
        assertThat(h.status()).isEqualTo(1);
        assertThat(h.err().strip()).startsWith("huge.groovy:2: out of memory (the Java heap may grow to ")
                .contains("TENSILE_JAVA_OPTS=-Xmx").doesNotContain("\n");
    }
}
