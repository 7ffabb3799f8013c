package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin folders a user does not name on the command line: those of {@code TENSILE_PLUGINS} (path-separated)
 * and {@code ~/.tensile/plugins}. An environment variable and the home folder belong to a process, so the real
 * command runs in a JVM of its own, with both set. A plugin name found twice is one line that names both jars and
 * says which one wins (the first found: built-ins, then --plugins, TENSILE_PLUGINS, ~/.tensile/plugins).
 */
class PluginFoldersTest {
    private static final String CSV = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    @TempDir
    Path root;

    /** A jar with a callback {@code name} that prints "NAME from TAG" when training begins. */
    private Path callbackJar(Path folder, String jarName, String tag, String... names) throws IOException {
        Files.createDirectories(folder);
        List<Path> sources = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (String name : names) {
            String cls = "Cb" + name.replace("-", "") + tag.replaceAll("[^A-Za-z]", "");
            classes.add("com.example." + cls);
            sources.add(PluginJars.source("com.example." + cls, """
                    package com.example;
                    public class %s implements dev.tensile.spi.Callback {
                        public String name() { return "%s"; }
                        public String description() { return "says where it comes from"; }
                        public Listener create(dev.tensile.spi.Params p) {
                            return new Listener() {
                                @Override public void onTrainBegin(dev.tensile.spi.TrainingContext c) {
                                    System.out.println("%s from %s");
                                }
                            };
                        }
                    }
                    """.formatted(cls, name, name, tag)));
        }
        return PluginJars.build(folder.resolve(jarName), sources,
                Map.of("dev.tensile.spi.Callback", String.join("\n", classes)), "1");
    }

    /** {@code tensile ARGS} in a JVM of its own, with this home folder and TENSILE_PLUGINS (null: unset). */
    private ScriptHarness.Result tensile(Path home, String pluginsVariable, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.util.logging.SimpleFormatter.format=%4$s: %5$s%n",
                "-Duser.home=" + home, "-cp", PluginJars.classPath(),
                "dev.tensile.dsl.cli.TensileCli"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("TENSILE_PLUGINS");
        if (pluginsVariable != null) {
            pb.environment().put("TENSILE_PLUGINS", pluginsVariable);
        }
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tensile " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new ScriptHarness.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8).lines()
                        // the JVM's note on the vector module and the kernel's start-up line are not the command's
                        .filter(l -> !l.startsWith("WARNING: Using incubator modules") && !l.startsWith("INFO: "))
                        .map(l -> l + "\n")
                        .reduce("", String::concat));
    }

    private Path script(String callbacks) {
        return ScriptHarness.write(root, "cb.groovy", """
                data { train csv('%s', response: 'arm') }
                model { input 2; dense 4, activation: 'relu'; output 3 }
                train { epochs 1; %s }
                """.formatted(CSV, callbacks));
    }

    @Test
    void jarsInTensilePluginsFoldersAndInTheHomeFolderAreListedAndUsed() throws Exception {
        Path home = root.resolve("home");
        Path first = callbackJar(root.resolve("env-a"), "a.jar", "env-a", "hello-a");
        Path second = callbackJar(root.resolve("env-b"), "b.jar", "env-b", "hello-b");
        Path own = callbackJar(home.resolve(".tensile/plugins"), "h.jar", "home", "hello-home");
        String variable = root.resolve("env-a") + File.pathSeparator + root.resolve("env-b");

        ScriptHarness.Result listed = tensile(home, variable, "plugins");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("callback\\s+hello-a\\s+" + java.util.regex.Pattern.quote(first.toString()))
                .containsPattern("callback\\s+hello-b\\s+" + java.util.regex.Pattern.quote(second.toString()))
                .containsPattern("callback\\s+hello-home\\s+" + java.util.regex.Pattern.quote(own.toString()))
                .doesNotContain("problems:");

        ScriptHarness.Result run = tensile(home, variable, "run",
                script("callback 'hello-a'; callback 'hello-b'; callback 'hello-home'").toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("hello-a from env-a", "hello-b from env-b", "hello-home from home");

        // without the variable and with another home, none of them is there
        ScriptHarness.Result without = tensile(root.resolve("elsewhere"), null, "run", script("callback 'hello-home'").toString());
        assertThat(without.status()).isEqualTo(1);
        assertThat(without.err()).contains("unknown callback 'hello-home'");
    }

    @Test
    void aNameFoundTwiceIsOneLineNamingBothJarsAndTheOneThatWins() throws Exception {
        Path home = root.resolve("home");
        Path winner = callbackJar(root.resolve("env"), "e.jar", "env", "shared");
        Path loser = callbackJar(home.resolve(".tensile/plugins"), "h.jar", "home", "shared", "progress");
        String clash = "plugin jar " + loser + ": callback 'shared' is also in plugin jar " + winner
                + ", which wins (found first); this jar's is skipped";
        String builtIn = "plugin jar " + loser + ": callback 'progress' is also a built-in plugin, which wins;"
                + " this jar's is skipped";

        ScriptHarness.Result listed = tensile(home, root.resolve("env").toString(), "plugins");
        assertThat(listed.out().lines().filter(l -> l.strip().equals(clash))).hasSize(1);
        assertThat(listed.out().lines().filter(l -> l.strip().equals(builtIn))).hasSize(1);
        assertThat(listed.out()).containsPattern("callback\\s+shared\\s+" + java.util.regex.Pattern.quote(winner.toString()));

        ScriptHarness.Result run = tensile(home, root.resolve("env").toString(), "run", script("callback 'shared'").toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("shared from env").doesNotContain("shared from home");
        assertThat(run.err().lines()).containsExactlyInAnyOrder("warning: " + clash, "warning: " + builtIn);
    }

    @Test
    void aFolderNamedBothOnTheCommandLineAndInTheVariableIsReadOnce() throws Exception {
        Path jar = callbackJar(root.resolve("both"), "x.jar", "both", "once");
        ScriptHarness.Result listed = tensile(root.resolve("home"), root.resolve("both").toString(), "plugins",
                "--plugins", root.resolve("both").toString());
        assertThat(listed.out()).containsPattern("callback\\s+once\\s+" + java.util.regex.Pattern.quote(jar.toString()))
                .doesNotContain("problems:");
    }
}
