package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Param;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** The draws and the fan arithmetic the variance-scaling initializers share. */
final class Fill {
    private Fill() {
    }

    /** The {@code mode} parameter of the fan-scaled initializers. */
    static Param modeParam() {
        return Param.choice("mode", "in", List.of("in", "out"),
                "fan used for scaling: in keeps forward activations steady, out keeps backward gradients steady");
    }

    /** The {@code negativeSlope} parameter of the he-* initializers. */
    static Param negativeSlopeParam() {
        return Param.real("negativeSlope", 0, 0, 1, "slope of a leaky relu for negative inputs (0 for relu)");
    }

    static int fan(String mode, int fanIn, int fanOut) {
        return mode.equals("in") ? fanIn : fanOut;
    }

    /** Every weight drawn from N(0, std²). */
    static void normal(Matrix w, double std, Rng rng) {
        float[] d = w.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.gaussian() * std);
        }
    }

    /** Every weight drawn from U(-limit, limit), whose variance is limit²/3. */
    static void uniform(Matrix w, double limit, Rng rng) {
        float[] d = w.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.uniform(-limit, limit);
        }
    }
}
