package dev.tensile.plugins.callbacks;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.inject.Inject;
import com.google.inject.Provider;

import dev.tensile.spi.Callback;
import dev.tensile.spi.LayerStats;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;

/**
 * Watches for exploding and vanishing signals every {@code every} steps: per layer, the spread of the outputs and the
 * norm of the weight gradient. It warns (once per problem) when a layer's output std exceeds {@code explodeStd} or
 * is not finite, when it falls below {@code vanishStd}, or when the first dense layer's gradient norm is below
 * {@code vanishRatio} times the last one's (the gradient fades on its way back), and says what to try. With
 * {@code print} it also prints the per-layer table each time. Its warnings are kept in the model's history (saved
 * files and reports show them). Parameters: {@code every} (default 100),
 * {@code explodeStd} (1e3), {@code vanishStd} (1e-5), {@code vanishRatio} (1e-4), {@code print} (false).
 */
public final class GradientMonitor implements Callback {
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
        List<Param> ps = new java.util.ArrayList<>();
        ps.add(Param.integer("every", 100, 1, Integer.MAX_VALUE, "steps between checks"));
        ps.addAll(SignalChecks.parameters());
        ps.add(Param.bool("print", false, "print the per-layer table at every check"));
        return ps;
    }

    @Override
    public Listener create(Params params) {
        int every = params.integer("every");
        SignalChecks checks = SignalChecks.of(params);
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
                        // a layer without weights has no gradient norm: a dash, not a NaN that reads as an alarm
                        double g = s.weightGradientNorm();
                        o.printf("  %-44s mean %10.4g  std %10.4g  grad norm %10s%n", s.layer(), s.activationMean(),
                                s.activationStd(), Double.isNaN(g) ? "-" : String.format(Locale.ROOT, "%.4g", g));
                    }
                }
                for (SignalChecks.Finding f : checks.check(step, layers)) {
                    if (warned.add(f.kind())) {
                        o.println("gradient-monitor: " + f.message());
                        ctx.recordWarning(step, f.kind(), f.layer(), f.message());
                    }
                }
            }
        };
    }
}
