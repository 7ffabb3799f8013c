package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No leaks: a 50-epoch run (with the progress and checkpoint callbacks, dropout and augmentation) has a flat heap.
 * The script measures the used heap after full collections at epochs 10, 30 and 50 (MemoryMXBean); between 30 and
 * 50 the loop takes about 960 steps, so a leak of even a few hundred bytes a step would show.
 */
class HeapLeakTest {
    /** Growth allowed between epochs 10 and 50: the 40 more epochs of history are a few kilobytes. */
    static final long BOUND = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void fiftyEpochsLeaveTheHeapFlat() {
        Path script = ScriptHarness.write(dir, "flat.groovy", "data {\n  train csv('"
                + ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath() + "', response: 'arm')\n"
                + "  split dev: 0.2, seed: 1\n}\n" + """
                model {
                    input 2
                    dense 64, activation: 'relu'
                    dropout 0.1
                    dense 64, activation: 'relu'
                    output 3, activation: 'softmax', loss: 'cross-entropy'
                }
                train {
                    optimizer 'adam', lr: 0.01
                    epochs 50
                    batch 10
                    augment 'gaussian-noise', std: 0.02
                    callback 'checkpoint', path: 'flat.tensile', every: 5
                    onEpochEnd { epoch, log ->
                        if (epoch == 10 || epoch == 30 || epoch == 50) {
                            def bean = java.lang.management.ManagementFactory.memoryMXBean
                            long used = Long.MAX_VALUE
                            5.times { System.gc(); used = Math.min(used, bean.heapMemoryUsage.used) }
                            println "heap at epoch $epoch: $used"
                        }
                    }
                }
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        Map<Integer, Long> heap = new HashMap<>();
        r.out().lines().filter(l -> l.startsWith("heap at epoch ")).forEach(l -> {
            String[] parts = l.substring("heap at epoch ".length()).split(": ");
            heap.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        });
        assertThat(heap).containsKeys(10, 30, 50);
        long growth = heap.get(50) - heap.get(10);
        long late = heap.get(50) - heap.get(30);
        System.out.printf("HeapLeakTest: used heap after GC %,d bytes at epoch 10, %,d at 30, %,d at 50%n",
                heap.get(10), heap.get(30), heap.get(50));
        assertThat(growth).as("heap growth from epoch 10 to 50").isLessThan(BOUND);
        // Most of what does grow is warm-up (compiled call sites, caches) before epoch 30; after it, almost nothing.
        assertThat(late).as("heap growth from epoch 30 to 50").isLessThan(BOUND / 4);
    }
}
