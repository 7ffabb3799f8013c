package dev.tensile.plugins.callbacks;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.inject.Inject;
import com.google.inject.Provider;

import dev.tensile.spi.Callback;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.LayerStats;
import dev.tensile.spi.TrainingContext;

/**
 * Watches for exploding and vanishing signals every {@code every} steps: per layer, the spread of the outputs and the
 * norm of the weight gradient. It warns (once per problem) when a layer's output std exceeds {@code explodeStd} or
 * is not finite, when it falls below {@code vanishStd}, or when the first dense layer's gradient norm is below
 * {@code vanishRatio} times the last one's (the gradient fades on its way back), and says what to try. With
 * {@code print} it also prints the per-layer table each time. Parameters: {@code every} (default 100),
 * {@code explodeStd} (1e3), {@code vanishStd} (1e-5), {@code vanishRatio} (1e-4), {@code print} (false).
 */
public final class GradientMonitor implements Callback {
    static final String ADVICE_EXPLODE = "try the initializer that fits the activation (he-normal for relu, "
            + "xavier-uniform for tanh and sigmoid), a lower learning rate, or clip norm: 1.0";
    static final String ADVICE_VANISH = "try he-normal with relu-family activations instead of saturating ones, "
            + "xavier-uniform for tanh and sigmoid, or fewer layers";

    @Inject
    private Provider<PrintStream> out;

    @Override
    public String name() {
        return "gradient-monitor";
    }

    @Override
    public String description() {
        return "per layer activation std and weight-gradient norm every N steps; warns of exploding or vanishing signals";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.integer("every", 100, 1, Integer.MAX_VALUE, "steps between checks"),
                Param.real("explodeStd", 1e3, 0, Double.MAX_VALUE, "output std above which a layer is exploding"),
                Param.real("vanishStd", 1e-5, 0, Double.MAX_VALUE, "output std below which a layer's signal vanished"),
                Param.real("vanishRatio", 1e-4, 0, 1, "first/last dense gradient-norm ratio below which gradients vanish"),
                Param.bool("print", false, "print the per-layer table at every check"));
    }

    @Override
    public Listener create(Params params) {
        int every = params.integer("every");
        double explodeStd = params.real("explodeStd");
        double vanishStd = params.real("vanishStd");
        double vanishRatio = params.real("vanishRatio");
        boolean print = params.bool("print");
        return new Listener() {
            private final Set<String> warned = new HashSet<>();

            @Override
            public int diagnosticsEvery() {
                return every;
            }

            @Override
            public void onDiagnostics(TrainingContext ctx, int step, List<LayerStats> layers) {
                PrintStream o = out.get();
                if (print) {
                    o.printf("step %d:%n", step);
                    for (LayerStats s : layers) {
                        o.printf("  %-44s mean %10.4g  std %10.4g  grad norm %10.4g%n", s.layer(), s.activationMean(),
                                s.activationStd(), s.weightGradientNorm());
                    }
                }
                for (LayerStats s : layers) {
                    double std = s.activationStd();
                    if (!Double.isFinite(std) || std > explodeStd) {
                        warn(o, "explode", String.format("exploding activations at step %d: %s has output std %.3g; %s",
                                step, s.layer(), std, ADVICE_EXPLODE));
                        break;
                    }
                }
                for (LayerStats s : layers) {
                    if (s.activationStd() < vanishStd) {
                        warn(o, "vanish", String.format("vanishing activations at step %d: %s has output std %.3g; %s",
                                step, s.layer(), s.activationStd(), ADVICE_VANISH));
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
                    warn(o, "gradient", String.format("vanishing gradients at step %d: the weight gradient of %s has norm "
                            + "%.3g, %.3g times that of %s; %s", step, first.layer(), first.weightGradientNorm(),
                            first.weightGradientNorm() / last.weightGradientNorm(), last.layer(), ADVICE_VANISH));
                }
            }

            private void warn(PrintStream o, String kind, String message) {
                if (warned.add(kind)) {
                    o.println("gradient-monitor: " + message);
                }
            }
        };
    }
}
