package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: a second run writing checkpoints to the same path is warned (the first holds a lock file). */
class CheckpointLockTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRunWhoseCheckpointPathIsLockedByAnotherProcessIsWarned() throws Exception {
        Path script = ScriptHarness.write(dir, "lock.groovy", "data { train csv('"
                + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath() + "', response: 'arm') }\n" + """
                model { input 2; dense 8, activation: 'relu'; output 3 }
                train { epochs 2; callback 'checkpoint', path: 'shared.tensile' }
                """);
        ScriptHarness.Result alone = ScriptHarness.tensile("run", script.toString());
        assertThat(alone.status()).isZero();
        assertThat(alone.out()).doesNotContain("another run");
        assertThat(dir.resolve(".shared.tensile.lock")).exists();

        // the other run: a process that holds the lock, as a training run does while it writes checkpoints
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), HoldLock.class.getName(), dir.resolve(".shared.tensile.lock").toString())
                .start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("locked");
            ScriptHarness.Result second = ScriptHarness.tensile("run", script.toString());
            assertThat(second.status()).isZero();
            assertThat(second.out()).containsOnlyOnce("warning: another run is writing checkpoints to "
                    + dir.resolve("shared.tensile") + " (it holds " + dir.resolve(".shared.tensile.lock")
                    + "); the two will overwrite each other's checkpoints");
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        ScriptHarness.Result after = ScriptHarness.tensile("run", script.toString());
        assertThat(after.out()).as("the lock dies with its process").doesNotContain("another run");
    }

    /** Holds a lock on a file until its input closes or it is killed. */
    public static final class HoldLock {
        public static void main(String[] args) throws Exception {
            try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.lock();
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }
}
