package dev.tensile.dsl.plot;

/**
 * Tick labels that read as numbers: as many decimals as the tick spacing of the axis's range needs, always a digit
 * before the point ({@code 0.05}, never {@code .05}), and no {@code -0} from a pattern too coarse for ticks like
 * -0.4. XChart's own choice, or one fixed pattern for every range, gave both.
 */
final class Ticks {
    /** XChart puts about this many ticks on an axis; the spacing is the range over it, rounded down to 1, 2 or 5. */
    private static final int TICKS = 10;

    private Ticks() {
    }

    /** A {@link java.text.DecimalFormat} pattern for an axis from {@code lo} to {@code hi}. */
    static String pattern(double lo, double hi) {
        double span = Math.abs(hi - lo);
        double largest = Math.max(Math.abs(lo), Math.abs(hi));
        if (!Double.isFinite(span) || largest >= 1e5 || largest > 0 && largest < 1e-4) {
            return "0.###E0";
        }
        if (span == 0) {
            return "0.####";
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(span / TICKS)));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals + 1);
    }
}
