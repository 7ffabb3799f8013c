package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts are Groovy: loops, variables and closures work around and inside the blocks. */
class GroovyInScriptsTest {
    @TempDir
    Path dir;

    @Test
    void aLearningRateSweepIsAPlainLoopAndInlineCallbacksRun() {
        String csv = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();
        Path file = ScriptHarness.write(dir, "sweep.groovy", """
                data {
                    train csv('%s', response: 'arm')
                    dev 0.2
                }
                model {
                    input 2
                    dense 32, activation: 'tanh'
                    output 3
                }
                def results = [:]
                for (lr in [0.05, 0.0001]) {
                    def epochsSeen = []
                    train {
                        optimizer 'adam', lr: lr
                        epochs param('epochs', 3)
                        callback 'progress', every: 1000
                        onEpochEnd { epoch, log -> epochsSeen << epoch; results[lr] = log.devAccuracy() }
                    }
                    assert epochsSeen == (1..param('epochs', 3)).toList()
                }
                results.each { lr, acc -> println "lr=$lr dev_accuracy=${String.format('%%.3f', acc)}" }
                """.formatted(csv));
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString(), "-Pepochs=15");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        double fast = dev(r.out(), "0.05");
        double slow = dev(r.out(), "0.0001");
        // 15 epochs at lr 0.05 separate the spirals far better than at 1e-4, which barely moves from its start.
        assertThat(fast).isGreaterThan(0.6);
        assertThat(fast).isGreaterThan(slow + 0.1);
    }

    private static double dev(String out, String lr) {
        return out.lines().filter(l -> l.startsWith("lr=" + lr + " "))
                .map(l -> l.substring(l.indexOf("dev_accuracy=") + 13)).mapToDouble(Double::parseDouble)
                .findFirst().orElseThrow(() -> new AssertionError("no line for lr " + lr + " in:\n" + out));
    }
}
