package dev.tensile.distributed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import dev.tensile.plugin.ParamBinder;
import dev.tensile.plugin.PluginException;
import dev.tensile.spi.Params;
import dev.tensile.train.TrainingLoop;

/**
 * A script's request to train on a cluster ({@code distributed master: 'local[2]', workers: 2}): the backend's name
 * and the options as written. {@link #fit} finds the backend on the class path and validates the options against its
 * declared ones, so a misspelt option reads like a misspelt plugin parameter.
 *
 * @param backend the backend's name ({@code spark})
 * @param options the options as the script gave them
 */
public record Distribution(String backend, Map<String, Object> options) {
    public Distribution {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** These options with {@code other}'s on top (a command line's over a script's). */
    public Distribution with(Distribution other) {
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.putAll(other.options);
        return new Distribution(backend, all);
    }

    /** The backend, or one line saying how to get it on the class path. */
    public DistributedTraining find() {
        List<String> names = new ArrayList<>();
        for (ClassLoader loader : loaders()) {
            for (DistributedTraining t : ServiceLoader.load(DistributedTraining.class, loader)) {
                if (t.name().equals(backend)) {
                    return t;
                }
                names.add(t.name());
            }
        }
        if (names.isEmpty()) {
            throw new PluginException("distributed training needs the tensile-spark module, which is not on the class path:"
                    + " run the script with ./tensile run --spark MASTER FILE, or with spark-submit"
                    + " (README: Training on a Spark cluster)");
        }
        throw new PluginException("no distributed backend '" + backend + "' (available: " + String.join(", ", names) + ")");
    }

    /** Validates the options against the backend's declared ones (did you mean, ranges). */
    public Params bind(DistributedTraining training) {
        return ParamBinder.bind(training, options);
    }

    /** Trains {@code run} on the backend. */
    public TrainingLoop.Result fit(DistributedRun run) {
        DistributedTraining t = find();
        return t.fit(run, bind(t));
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(Distribution.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != loaders.get(0)) {
            loaders.add(context);
        }
        return loaders;
    }
}
