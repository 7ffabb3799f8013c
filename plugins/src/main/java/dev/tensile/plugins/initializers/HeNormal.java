package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * He (Kaiming) normal: weights ~ N(0, std²) with std = sqrt(2 / ((1 + a²) · fan)), which keeps the variance of
 * ReLU activations constant from layer to layer (ReLU zeroes half of its inputs, halving the variance; a leaky
 * ReLU of slope a keeps a² of that half). Parameters: {@code mode} ({@code in} or {@code out}, default in) and
 * {@code negativeSlope} (a, default 0 for ReLU, in [0, 1]; set it to leaky-relu's alpha).
 */
public final class HeNormal implements Initializer {

    @Override
    public String name() {
        return "he-normal";
    }

    @Override
    public String description() {
        return "normal weights with std sqrt(2/((1+a^2)*fan)), for relu-family activations";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Fill.modeParam(), Fill.negativeSlopeParam());
    }

    @Override
    public WeightInit create(Params params) {
        String mode = params.text("mode");
        double a = params.real("negativeSlope");
        return (w, in, out, rng) -> Fill.normal(w, Math.sqrt(2.0 / ((1 + a * a) * Fill.fan(mode, in, out))), rng);
    }
}
