package dev.tensile.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.ParamBinder;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.Suggestions;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Plugin;

/**
 * A learning-rate schedule: the factor applied to the base rate at a point of training, given as a fractional epoch
 * {@code t} (0 at the start, 1.5 half-way through the second epoch) out of {@code total} epochs. A linear warm-up,
 * when asked for, multiplies whatever the schedule gives.
 */
@FunctionalInterface
public interface Schedule {

    double factor(double t, int total);

    Schedule CONSTANT = (t, total) -> 1;

    /** Ramps the rate linearly from near 0 to the schedule's over the first {@code epochs}. */
    default Schedule withWarmup(double epochs) {
        if (epochs <= 0) {
            return this;
        }
        return (t, total) -> factor(t, total) * Math.min(1, (t + 1e-9) / epochs);
    }

    /** A schedule by name: {@code constant}, {@code step}, {@code exponential}, {@code cosine}. */
    static Schedule create(PluginRef ref) {
        Spec spec = Specs.ALL.get(ref.name());
        if (spec == null) {
            throw new PluginException("unknown schedule '" + ref.name() + "'"
                    + Suggestions.closest(ref.name(), Specs.ALL.keySet()).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " (schedules: " + String.join(", ", Specs.ALL.keySet()) + ")");
        }
        return spec.factory().apply(ParamBinder.bind(spec, ref.params()));
    }

    /** A named schedule and its parameters. */
    record Spec(String name, String description, List<Param> parameters,
                java.util.function.Function<Params, Schedule> factory) implements Plugin {
    }

    /** The catalogue. */
    final class Specs {
        static final Map<String, Spec> ALL = new LinkedHashMap<>();

        static {
            put(new Spec("constant", "the base rate throughout", List.of(), p -> CONSTANT));
            put(new Spec("step", "multiplies the rate by gamma every 'every' epochs",
                    List.of(Param.integer("every", 10, 1, Integer.MAX_VALUE, "epochs between drops"),
                            Param.real("gamma", 0.1, 0, 1, "factor at each drop")),
                    p -> {
                        int every = p.integer("every");
                        double gamma = p.real("gamma");
                        return (t, total) -> Math.pow(gamma, Math.floor(t / every));
                    }));
            put(new Spec("exponential", "multiplies the rate by gamma every epoch, smoothly",
                    List.of(Param.real("gamma", 0.95, 0, 1, "factor per epoch")),
                    p -> {
                        double gamma = p.real("gamma");
                        return (t, total) -> Math.pow(gamma, t);
                    }));
            put(new Spec("cosine", "cosine decay from the base rate to minFactor times it at the last epoch",
                    List.of(Param.real("minFactor", 0, 0, 1, "final rate as a fraction of the base rate")),
                    p -> {
                        double min = p.real("minFactor");
                        return (t, total) -> min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t / total)));
                    }));
        }

        private Specs() {
        }

        private static void put(Spec s) {
            ALL.put(s.name(), s);
        }

        public static List<String> names() {
            return List.copyOf(ALL.keySet());
        }

        /** Declared parameters of a schedule, for help and completion; none for an unknown name. */
        public static List<Param> parameters(String name) {
            Spec s = ALL.get(name);
            return s == null ? List.of() : s.parameters();
        }
    }
}
