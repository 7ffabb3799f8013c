package dev.tensile.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data cache sizes of one core, as the OS reports them (Linux:
 * {@code /sys/devices/system/cpu/cpu0/cache/index*}), or sensible defaults where it does not say: 32 KiB L1d
 * and 512 KiB L2, the smallest of the x86 and ARM server cores we know of (Zen 1 to 3, Graviton 2).
 *
 * @param l1d    the level-1 data cache in bytes
 * @param l2     the level-2 cache in bytes
 * @param source where the figures come from, for the log line
 */
record CacheSizes(long l1d, long l2, String source) {
    static final CacheSizes DEFAULTS = new CacheSizes(32 * 1024, 512 * 1024, "default cache sizes");
    private static final Path SYS = Path.of("/sys/devices/system/cpu/cpu0/cache");

    /** The sizes this machine reports, or {@link #DEFAULTS}. */
    static CacheSizes detect() {
        return read(SYS);
    }

    /** Reads {@code index*}/{level,type,size} under {@code dir}; a part that is missing or odd keeps its default. */
    static CacheSizes read(Path dir) {
        long l1 = 0;
        long l2 = 0;
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            if (!Files.isDirectory(index)) {
                continue;
            }
            try {
                String level = Files.readString(index.resolve("level")).trim();
                String type = Files.readString(index.resolve("type")).trim();
                long size = parseSize(Files.readString(index.resolve("size")).trim());
                if (level.equals("1") && type.equals("Data")) {
                    l1 = size;
                } else if (level.equals("2") && !type.equals("Instruction")) {
                    l2 = size;
                }
            } catch (IOException | RuntimeException e) {
                // unreadable or odd: keep the default for this level
            }
        }
        if (l1 <= 0 && l2 <= 0) {
            return DEFAULTS;
        }
        return new CacheSizes(l1 > 0 ? l1 : DEFAULTS.l1d, l2 > 0 ? l2 : DEFAULTS.l2, "caches from " + dir);
    }

    /** "48K", "2048K", "1M" or a plain byte count. */
    static long parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1024;
        } else if (t.endsWith("M")) {
            unit = 1024 * 1024;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    @Override
    public String toString() {
        return "L1d " + l1d / 1024 + " KiB, L2 " + l2 / 1024 + " KiB";
    }
}
