package dev.tensile.plugins.callbacks;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.LayerStats;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * The gradient monitor's three checks on one diagnostics sample, shared with the report so that it marks exactly
 * where the monitor warns: a layer's output std above {@code explodeStd} or not finite (exploding), below
 * {@code vanishStd} (vanishing), and the first weighted layer's gradient norm below {@code vanishRatio} times the
 * last one's (the gradient fades on its way back). Each check names the first layer it fires on.
 */
record SignalChecks(double explodeStd, double vanishStd, double vanishRatio) {
    static final String ADVICE_EXPLODE = "try the initializer that fits the activation (he-normal for relu, "
            + "xavier-uniform for tanh and sigmoid), a lower learning rate, or clip norm: 1.0";
    static final String ADVICE_VANISH = "try he-normal with relu-family activations instead of saturating ones, "
            + "xavier-uniform for tanh and sigmoid, or fewer layers";

    /** One check that fired: {@code kind} is {@code explode}, {@code vanish} or {@code gradient}. */
    record Finding(String kind, String layer, String message) {
    }

    /** The three thresholds as plugin parameters, with the monitor's defaults. */
    static List<Param> parameters() {
        return List.of(Param.real("explodeStd", 1e3, 0, Double.MAX_VALUE, "output std above which a layer is exploding"),
                Param.real("vanishStd", 1e-5, 0, Double.MAX_VALUE, "output std below which a layer's signal vanished"),
                Param.real("vanishRatio", 1e-4, 0, 1, "first/last dense gradient-norm ratio below which gradients vanish"));
    }

    static SignalChecks of(Params params) {
        return new SignalChecks(params.real("explodeStd"), params.real("vanishStd"), params.real("vanishRatio"));
    }

    List<Finding> check(int step, List<LayerStats> layers) {
        List<Finding> out = new ArrayList<>(3);
        for (LayerStats s : layers) {
            double std = s.activationStd();
            if (!Double.isFinite(std) || std > explodeStd) {
                out.add(new Finding("explode", s.layer(), String.format("exploding activations at step %d: %s has output"
                        + " std %.3g; %s", step, s.layer(), std, ADVICE_EXPLODE)));
                break;
            }
        }
        for (LayerStats s : layers) {
            if (s.activationStd() < vanishStd) {
                out.add(new Finding("vanish", s.layer(), String.format("vanishing activations at step %d: %s has output"
                        + " std %.3g; %s", step, s.layer(), s.activationStd(), ADVICE_VANISH)));
                break;
            }
        }
        LayerStats first = null;
        LayerStats last = null;
        for (LayerStats s : layers) {
            if (!Double.isNaN(s.weightGradientNorm())) {
                first = first == null ? s : first;
                last = s;
            }
        }
        if (first != null && last != first && last.weightGradientNorm() > 0
                && first.weightGradientNorm() < vanishRatio * last.weightGradientNorm()) {
            out.add(new Finding("gradient", first.layer(), String.format("vanishing gradients at step %d: the weight"
                    + " gradient of %s has norm %.3g, %.3g times that of %s; %s", step, first.layer(),
                    first.weightGradientNorm(), first.weightGradientNorm() / last.weightGradientNorm(), last.layer(),
                    ADVICE_VANISH)));
        }
        return out;
    }
}
