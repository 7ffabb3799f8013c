package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * He (Kaiming) uniform: weights ~ U(-limit, limit) with limit = sqrt(6 / ((1 + a²) · fan)), the same variance
 * 2/((1 + a²) · fan) as {@link HeNormal}. Parameters: {@code mode} ({@code in} or {@code out}, default in) and
 * {@code negativeSlope} (a, default 0 for ReLU, in [0, 1]; set it to leaky-relu's alpha).
 */
public final class HeUniform implements Initializer {

    @Override
    public String name() {
        return "he-uniform";
    }

    @Override
    public String description() {
        return "uniform weights in +-sqrt(6/((1+a^2)*fan)), for relu-family activations";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Fill.modeParam(), Fill.negativeSlopeParam());
    }

    @Override
    public WeightInit create(Params params) {
        String mode = params.text("mode");
        double a = params.real("negativeSlope");
        return (w, in, out, rng) -> Fill.uniform(w, Math.sqrt(6.0 / ((1 + a * a) * Fill.fan(mode, in, out))), rng);
    }
}
