package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.io.Checkpoints;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.PluginRegistry;

/**
 * Ctrl-C end to end: {@code tensile run} as a real process gets SIGINT mid-training, finishes its batch, writes a
 * checkpoint next to the script, exits with 130 and says how to resume; resuming that checkpoint completes.
 * Every wait is bounded, so the test cannot hang.
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigintWritesACheckpointExitsWith130AndTheRunResumes() throws Exception {
        Path script = spinScript();
        Process p = startRun(script);
        try {
            CountDownLatch training = new CountDownLatch(1);
            List<String> out = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        out.add(line);
                        if (line.startsWith("epoch ") && line.endsWith(" done")) {
                            training.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            CompletableFuture<String> err = stderrOf(p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!training.await(200, TimeUnit.MILLISECONDS) && p.isAlive() && System.nanoTime() < deadline) {
                // waiting for the first epoch
            }
            assertThat(training.getCount()).as("an epoch line within 60 s; output: %s; errors: %s", out,
                    p.isAlive() ? "(still running)" : err.get(10, TimeUnit.SECONDS)).isZero();
            Process kill = new ProcessBuilder("kill", "-" + interruptSignal(), Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exit within 30 s of SIGINT").isTrue();
            reader.get(10, TimeUnit.SECONDS);
            String stderr = err.get(10, TimeUnit.SECONDS);

            assertThat(p.exitValue()).as(stderr).isEqualTo(130);
            Path checkpoint = dir.resolve("spin.interrupted.tensile");
            assertThat(checkpoint).isRegularFile();
            assertThat(stderr).contains("interrupted: finishing the batch and writing a checkpoint")
                    .contains("checkpoint written to " + checkpoint)
                    // the whole command, overrides included (issue 19 item 6): pasted, it continues the same plan
                    .contains("resume with: ./tensile run " + script + " --seed 7 -Pepochs=1000000 --resume spin.interrupted.tensile");

            PluginRegistry registry = PluginRegistry.discover();
            int done = Checkpoints.load(checkpoint, new NetworkBuilder(registry, GemmProvider.get())).state().epochsDone();
            ScriptHarness.Result resumed = ScriptHarness.tensile("run", script.toString(), "--resume", checkpoint.toString(),
                    "-Pepochs=" + (done + 2), "--seed", "7");
            assertThat(resumed.err()).isEmpty();
            assertThat(resumed.status()).isZero();
            assertThat(resumed.out()).contains("resuming from " + checkpoint).contains("epoch " + (done + 2) + " done")
                    .contains("warning: this run differs from the one that wrote " + checkpoint + ": epochs 1000000 -> "
                            + (done + 2) + ", -P overrides -Pepochs=1000000 -> -Pepochs=" + (done + 2))
                    .doesNotContain("epoch " + (done + 3) + " done");
            assertThat(Files.exists(checkpoint)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * {@code tensile run x.groovy | head}: once the reader is gone, the run stops at the end of its batch, writes
     * its checkpoint and exits, instead of training unseen (Java ignores SIGPIPE and PrintStream swallows the error).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aClosedStandardOutputStopsTheRun() throws Exception {
        Path script = spinScript();
        Process p = startRun(script);
        try {
            CompletableFuture<String> err = stderrOf(p);
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !(line.startsWith("epoch ") && line.endsWith(" done"))) {
                // up to the first epoch line, as `head` would read
            }
            assertThat(line).as("an epoch line").isNotNull();
            r.close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exit within 60 s of the reader leaving").isTrue();
            assertThat(err.get(10, TimeUnit.SECONDS)).contains("standard output was closed: stopping at the end of this batch")
                    .contains("checkpoint written to " + dir.resolve("spin.interrupted.tensile"));
            assertThat(dir.resolve("spin.interrupted.tensile")).isRegularFile();
        } finally {
            p.destroyForcibly();
        }
    }

    private Path spinScript() throws IOException {
        return ScriptHarness.write(dir, "spin.groovy", "data {\n  train csv('"
                    + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath() + "', response: 'arm')\n}\n" + """
                    model {
                        input 2
                        dense 32, activation: 'relu'
                        dropout 0.1
                        output 3, activation: 'softmax', loss: 'cross-entropy'
                    }
                    train {
                        optimizer 'adam', lr: 0.01
                        epochs param('epochs', 1000000)
                        batch 16
                        onEpochEnd { epoch, log -> println "epoch $epoch done"; System.out.flush() }
                    }
                    """);
    }

    /**
     * INT, as Ctrl-C sends, unless this JVM was started with SIGINT ignored (a build run with {@code &} from a script,
     * or under nohup): the child inherits that, the JVM then cannot catch INT, and TERM, which the same handler
     * serves, stands in for it.
     */
    private static String interruptSignal() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:") && (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 2) != 0) {
                    return "TERM";
                }
            }
        }
        return "INT";
    }

    /** The process's standard error, read to its end on another thread so the process never blocks on it. */
    private static CompletableFuture<String> stderrOf(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    private Process startRun(Path script) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.tensile.dsl.cli.TensileCli", "run", script.toString(), "-Pepochs=1000000", "--seed", "7")
                .directory(dir.toFile()).start();
    }
}
