package dev.tensile.dsl.bench;

import dev.tensile.nn.conv.OpTimes;

/** The breakdown of an epoch's time that {@code bench train --profile} appends to its line. */
final class OpShares {
    private OpShares() {
    }

    static String line(double epochSeconds) {
        StringBuilder sb = new StringBuilder();
        double timed = 0;
        for (OpTimes.Kind k : OpTimes.Kind.values()) {
            double s = OpTimes.seconds(k);
            timed += s;
            sb.append(' ').append(k.name().toLowerCase()).append('=').append(String.format("%.3f", s / epochSeconds));
        }
        return sb.append(" rest=").append(String.format("%.3f", 1 - timed / epochSeconds)).toString();
    }
}
