package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DSL never needs Spark: without the spark module, a distributed script or --spark says what to do, in one line. */
class DistributedWithoutSparkTest {
    @TempDir
    Path dir;

    @Test
    void aDistributedTrainBlockNamesTheMissingModuleAndTheLine() {
        Path script = ScriptHarness.write(dir, "d.groovy", """
                data { train csv('%s', response: 'arm') }
                model {
                    input 2
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    epochs 1
                    distributed master: 'local[2]', workers: 2
                }
                """.formatted(ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString()));
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("d.groovy:8: distributed training needs the tensile-spark module, which is"
                + " not on the class path: run the script with ./tensile run --spark MASTER FILE, or with spark-submit"
                + " (README: Training on a Spark cluster)");
    }

    @Test
    void theSparkOptionSaysTheSameBeforeRunningAnything() {
        Path script = ScriptHarness.write(dir, "e.groovy", "println 'ran'\n");
        ScriptHarness.Result r = ScriptHarness.tensile("run", "--spark", "local[2]", script.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("ran");
        assertThat(r.err()).startsWith("--spark: distributed training needs the tensile-spark module");
    }
}
