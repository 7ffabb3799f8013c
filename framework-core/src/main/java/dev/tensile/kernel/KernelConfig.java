package dev.tensile.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the Panama GEMM on one machine: the vector width, the micro-tile (rows x 2 vectors) and the
 * cache blocking (kc, mc, nc) of {@link BlockedGemm}. It comes from {@code ~/.tensile/kernel.json} when
 * {@code tensile bench tune} wrote one for this vector width, otherwise from {@link #fromCaches the cache rule}.
 *
 * @param vectorBits the vector width the kernel is written for (256 or 512)
 * @param rows       micro-tile rows, one of {@link #tileRows(int)}
 * @param kc         depth of a packed slice, 16 to 4096
 * @param mc         rows of a packed block of A, a multiple of rows
 * @param nc         columns of a packed panel of B, a multiple of the tile's columns
 * @param source     where these values come from, for the log line
 */
public record KernelConfig(int vectorBits, int rows, int kc, int mc, int nc, String source) {
    /** Tile rows that {@link PanamaMicroKernels} has a kernel for, tallest first. */
    static final int[] KERNEL_ROWS = {12, 8, 6, 5, 4};

    /** Checks the values; the message names the one that is wrong. */
    public KernelConfig {
        if (vectorBits != 256 && vectorBits != 512) {
            throw new IllegalArgumentException("vectorBits must be 256 or 512, got " + vectorBits);
        }
        if (!contains(tileRows(vectorBits), rows)) {
            throw new IllegalArgumentException("a " + vectorBits + "-bit tile has " + rowsText(vectorBits)
                    + " rows, got " + rows);
        }
        if (kc < 16 || kc > 4096) {
            throw new IllegalArgumentException("kc must be 16 to 4096, got " + kc);
        }
        if (mc < rows || mc % rows != 0 || mc > 4096) {
            throw new IllegalArgumentException("mc must be a multiple of the tile's " + rows + " rows up to 4096, got " + mc);
        }
        int nr = 2 * vectorBits / 32;
        if (nc < nr || nc % nr != 0 || nc > 16384) {
            throw new IllegalArgumentException("nc must be a multiple of the tile's " + nr + " columns up to 16384, got " + nc);
        }
    }

    /** Columns of the micro-tile: two vectors of floats. */
    public int cols() {
        return 2 * vectorBits / 32;
    }

    /** The kernel's name for logs and provenance: vector width and tile, e.g. {@code panama-512bit-12x32}. */
    public String kernelName() {
        return "panama-" + vectorBits + "bit-" + rows + "x" + cols();
    }

    /** {@code tile=12x32 kc=192 mc=192 nc=2720}, as bench prints it. */
    public String blocking() {
        return "tile=" + rows + "x" + cols() + " kc=" + kc + " mc=" + mc + " nc=" + nc;
    }

    /**
     * The micro-tile rows that fit the register file, tallest first: 2 x rows accumulators, two vectors of B
     * and at least one broadcast of A in 32 registers (AVX-512) or 16 (AVX2, where 6 rows leave one spare).
     */
    public static int[] tileRows(int vectorBits) {
        int registers = vectorBits >= 512 ? 32 : 16;
        return java.util.Arrays.stream(KERNEL_ROWS).filter(r -> 2 * r + 3 <= registers).toArray();
    }

    /**
     * The cache rule (after the analytical model of BLIS: Low et al., "Analytical modeling is enough for
     * high-performance BLIS", 2016, simplified): the kc x nr micro-panel of B fills two thirds of L1d (the A
     * micro-panel and C's tile take the rest), the mc x kc block of A at most half of L2, and the kc x nc panel
     * of B about all of L2 (at least 1024 columns: a narrower panel repacks A more often). On the Xeon (48 KiB
     * L1d, 512-bit) that gives kc = 256, which measured 10-15% faster than 192 (half of L1d) and than 384 at
     * n = 1024 and on the B2b shapes; mc and nc from 96 to 192 rows and 2048 to 2720 columns made no difference
     * beyond the noise. The tile: 12 rows on 512-bit vectors, 6 on 256-bit ones, on every JDK: the 6-row kernel's
     * loop form keeps JDK 25 from spilling an accumulator (see {@link PanamaMicroKernels}), where 4 rows had been
     * the tallest tile it compiled well.
     */
    public static KernelConfig fromCaches(int vectorBits, CacheSizes caches) {
        return forTile(vectorBits, vectorBits >= 512 ? 12 : 6, caches);
    }

    /** The cache rule's blocking for a given tile. */
    static KernelConfig forTile(int vectorBits, int rows, CacheSizes caches) {
        int nr = 2 * vectorBits / 32;
        int kc = clamp((int) (caches.l1d() * 2 / 3 / (nr * 4L)) / 16 * 16, 128, 384);
        int mc = rows * clamp((int) (caches.l2() / 2 / (kc * 4L)) / rows, 2, 16);
        int nc = nr * clamp((int) (caches.l2() / (kc * 4L)) / nr, 1024 / nr, 4096 / nr);
        return new KernelConfig(vectorBits, rows, kc, mc, nc, caches.source() + " (" + caches + ")");
    }

    /** What {@code bench tune} tries: the three tallest tiles that fit, each at the rule's kc, half and twice it. */
    static List<KernelConfig> candidates(int vectorBits, CacheSizes caches) {
        List<KernelConfig> out = new ArrayList<>();
        int[] tiles = tileRows(vectorBits);
        for (int rows : java.util.Arrays.copyOf(tiles, Math.min(3, tiles.length))) {
            KernelConfig rule = forTile(vectorBits, rows, caches);
            out.add(rule);
            for (int kc : new int[] {rule.kc / 2, rule.kc * 2}) {
                if (kc >= 64 && kc <= 1024) {
                    out.add(new KernelConfig(vectorBits, rows, kc, rule.mc, rule.nc, "candidate"));
                }
            }
        }
        return out;
    }

    private static int clamp(int x, int lo, int hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static boolean contains(int[] values, int x) {
        for (int v : values) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static String rowsText(int vectorBits) {
        return java.util.Arrays.toString(tileRows(vectorBits));
    }
}
