package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelConfigTest {
    private static final CacheSizes XEON = new CacheSizes(48 * 1024, 2048 * 1024, "test");
    private static final CacheSizes ZEN3 = new CacheSizes(32 * 1024, 512 * 1024, "test");

    @Test
    void theCacheRuleFillsTwoThirdsOfL1WithTheBPanelAndAtMostHalfOfL2WithTheABlock() {
        KernelConfig xeon512 = KernelConfig.fromCaches(512, XEON);
        assertThat(xeon512.blocking()).isEqualTo("tile=12x32 kc=256 mc=192 nc=2048");
        // 256 depth steps x 32 floats x 4 bytes = 32 KiB = two thirds of L1d.
        assertThat(xeon512.kc() * xeon512.cols() * 4).isEqualTo(32 * 1024);
        assertThat(KernelConfig.fromCaches(256, XEON).blocking()).isEqualTo("tile=6x16 kc=384 mc=96 nc=1360");
        KernelConfig zen3 = KernelConfig.fromCaches(256, ZEN3);
        assertThat(zen3.blocking()).isEqualTo("tile=6x16 kc=336 mc=96 nc=1024");
        assertThat(zen3.kernelName()).isEqualTo("panama-256bit-6x16");
        assertThat((long) zen3.mc() * zen3.kc() * 4).isLessThanOrEqualTo(ZEN3.l2() / 2);
    }

    @Test
    void tilesFitTheRegisterFile() {
        assertThat(KernelConfig.tileRows(512)).containsExactly(12, 8, 6, 5, 4);
        assertThat(KernelConfig.tileRows(256)).containsExactly(6, 5, 4);
        assertThat(KernelConfig.candidates(256, ZEN3)).hasSize(9).allMatch(c -> c.vectorBits() == 256);
        assertThat(KernelConfig.candidates(512, XEON)).hasSize(9).extracting(KernelConfig::rows).containsOnly(12, 8, 6);
    }

    @Test
    void impossibleValuesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new KernelConfig(128, 4, 256, 64, 1024, "t")).hasMessageContaining("vectorBits");
        assertThatThrownBy(() -> new KernelConfig(256, 12, 256, 96, 1024, "t"))
                .hasMessage("a 256-bit tile has [6, 5, 4] rows, got 12");
        assertThatThrownBy(() -> new KernelConfig(512, 12, 8, 96, 1024, "t")).hasMessageContaining("kc");
        assertThatThrownBy(() -> new KernelConfig(512, 12, 256, 100, 1024, "t")).hasMessageContaining("mc");
        assertThatThrownBy(() -> new KernelConfig(512, 12, 256, 96, 1000, "t")).hasMessageContaining("nc");
    }

    @Test
    void cacheSizesComeFromSysfsOrDefaults(@TempDir Path dir) throws IOException {
        assertThat(CacheSizes.read(dir)).isEqualTo(CacheSizes.DEFAULTS);
        index(dir, 0, "1", "Data", "48K");
        index(dir, 1, "1", "Instruction", "64K");
        index(dir, 2, "2", "Unified", "2048K");
        CacheSizes read = CacheSizes.read(dir);
        assertThat(read.l1d()).isEqualTo(48 * 1024);
        assertThat(read.l2()).isEqualTo(2048 * 1024);
        Files.writeString(dir.resolve("index2/size"), "lots");
        assertThat(CacheSizes.read(dir).l2()).isEqualTo(CacheSizes.DEFAULTS.l2());
        assertThat(CacheSizes.parseSize("1M")).isEqualTo(1 << 20);
    }

    private static void index(Path dir, int i, String level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + i));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }
}
