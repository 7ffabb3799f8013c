package dev.tensile.dsl;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Small pieces of message text: short lists, numbers as a user wrote them, {@code -P} overrides. */
final class Text {
    private Text() {
    }

    /** Up to {@code max} items, comma-separated, then "and N more". */
    static String list(Collection<String> items, int max) {
        String shown = items.stream().limit(max).collect(Collectors.joining(", "));
        return items.size() > max ? shown + " and " + (items.size() - max) + " more" : shown;
    }

    /** 0.01 rather than 0.010000000000000002 or 1.0E-2; whole numbers without ".0". */
    static String number(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString().length() <= 12
                    ? new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString()
                    : Double.toString(d);
        }
        return v == null ? "none" : "'" + v + "'";
    }

    /** {@code -Pa=1 -Pb=2}, or "none". */
    static String overrides(Map<String, String> p) {
        return p.isEmpty() ? "none" : p.entrySet().stream().map(e -> "-P" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
