package dev.tensile.plugins.initializers;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * He (Kaiming) normal: weights ~ N(0, gain² / fan) with gain sqrt(2), which keeps the variance of ReLU
 * activations constant from layer to layer (ReLU zeroes half of its inputs, halving the variance).
 * Parameters: {@code mode} ({@code in} or {@code out}, default in).
 */
public final class HeNormal implements Initializer {

    @Override
    public String name() {
        return "he-normal";
    }

    @Override
    public String description() {
        return "normal weights with std sqrt(2/fan_in), for relu-family activations";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.choice("mode", "in", List.of("in", "out"), "fan used for scaling: inputs or outputs"));
    }

    @Override
    public WeightInit create(Params params) {
        boolean fanIn = params.text("mode").equals("in");
        return (w, in, out, rng) -> {
            double std = Math.sqrt(2.0 / (fanIn ? in : out));
            float[] d = w.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (rng.gaussian() * std);
            }
        };
    }
}
