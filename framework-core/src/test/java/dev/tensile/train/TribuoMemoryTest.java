package dev.tensile.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

import dev.tensile.data.Sources;

/**
 * Issue 20: the memory guard counts the Tribuo dataset a run keeps. Its per-value and per-example figures are held
 * against the heap a real CSV's dataset occupies, and a run that fits without the dataset but not with it is refused.
 */
class TribuoMemoryTest {
    @TempDir
    Path dir;

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void theEstimateOfATribuoDatasetIsWithinAFactorOfWhatItOccupies() throws Exception {
        int rows = 60_000;
        int cols = 12;
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            sb.append("f").append(c).append(',');
        }
        sb.append("label\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sb.append(String.format("%.5f", rng.nextDouble() + 0.01)).append(',');
            }
            sb.append(r % 3 == 0 ? "a" : r % 3 == 1 ? "b" : "c").append('\n');
        }
        Path csv = Files.writeString(dir.resolve("wide.csv"), sb.toString());
        sb = null;
        long before = used();
        MutableDataset<Label> data = new MutableDataset<>(Sources.csv(csv, "label", new LabelFactory()).data());
        long occupied = used() - before;
        assertThat(data.size()).isEqualTo(rows);
        long estimated = MemoryEstimate.tribuoBytes(rows, (long) rows * cols);
        // a floor that is not far below: between 70% and 250% of what the dataset really holds
        assertThat((double) estimated / occupied).as("estimated %d, occupied %d", estimated, occupied).isBetween(0.7, 2.5);
    }

    @Test
    void aRunThatFitsOnlyWithoutTheDatasetIsRefused() {
        MemoryEstimate bare = new MemoryEstimate(1000, 2, 10_000, 1_000_000);
        long heap = bare.bytes() + (8L << 20);
        bare.check(heap);
        MemoryEstimate counted = bare.withTribuoData(MemoryEstimate.tribuoBytes(1_000_000 / 12, 1_000_000));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> counted.check(heap))
                .isInstanceOf(MemoryEstimate.TooLarge.class).hasMessageContaining("of data as Tribuo holds it");
    }
}
