package dev.tensile.dsl;

import java.util.List;
import java.util.Map;

import groovy.lang.Closure;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Initializer;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;

/**
 * Plugins written in a script as closures, registered under a name for that script's session. They are for small
 * experiments: each value goes through a Groovy closure, so they are far slower than compiled plugins.
 */
final class ScriptPlugins {
    private ScriptPlugins() {
    }

    private static void requireName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new DslException("a plugin name must be kebab-case (like 'my-act'), got '" + name + "'");
        }
    }

    /** {@code defineActivation 'cube', forward: { z -> z ** 3 }, derivative: { z, a -> 3 * z * z }} */
    static Activation activation(String name, Map<String, Object> args) {
        requireName(name);
        Closure<?> f = closure(args, "forward", name);
        Closure<?> d = closure(args, "derivative", name);
        String init = args.getOrDefault("init", "xavier-uniform").toString();
        unknownKeys(args, name, "forward", "derivative", "init");
        return new Activation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "defined in a script";
            }

            @Override
            public String preferredInitializer() {
                return init;
            }

            @Override
            public Function create(Params params) {
                return new Function() {
                    @Override
                    public void forward(Matrix z, Matrix a) {
                        float[] zs = z.data();
                        float[] as = a.data();
                        for (int i = 0; i < zs.length; i++) {
                            as[i] = number(f.call(zs[i]), name, "forward");
                        }
                    }

                    @Override
                    public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                        float[] zs = z.data();
                        float[] as = a.data();
                        float[] ga = gradA.data();
                        float[] gz = gradZ.data();
                        for (int i = 0; i < zs.length; i++) {
                            gz[i] = ga[i] * number(d.call(zs[i], as[i]), name, "derivative");
                        }
                    }
                };
            }
        };
    }

    /** {@code defineInitializer 'tiny', { fanIn, fanOut, rng -> rng.gaussian() * 0.01 }}: called once per weight. */
    static Initializer initializer(String name, Closure<?> body) {
        requireName(name);
        return new Initializer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "defined in a script";
            }

            @Override
            public WeightInit create(Params params) {
                return (w, in, out, rng) -> {
                    float[] d = w.data();
                    for (int i = 0; i < d.length; i++) {
                        d[i] = number(body.call(in, out, rng), name, "initializer");
                    }
                };
            }
        };
    }

    /** {@code defineCallback 'shout', onEpochEnd: { epoch, log -> ... }, onTrainEnd: { -> ... }} */
    static Callback callback(String name, Map<String, Object> args) {
        requireName(name);
        unknownKeys(args, name, "onEpochEnd", "onTrainEnd", "onTrainBegin");
        Closure<?> epochEnd = (Closure<?>) args.get("onEpochEnd");
        Closure<?> trainEnd = (Closure<?>) args.get("onTrainEnd");
        Closure<?> trainBegin = (Closure<?>) args.get("onTrainBegin");
        return new Callback() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "defined in a script";
            }

            @Override
            public Listener create(Params params) {
                return new Listener() {
                    @Override
                    public void onTrainBegin(TrainingContext context) {
                        if (trainBegin != null) {
                            trainBegin.call();
                        }
                    }

                    @Override
                    public void onEpochEnd(TrainingContext context, EpochLog log) {
                        if (epochEnd != null) {
                            epochEnd.call(log.epoch(), log);
                        }
                    }

                    @Override
                    public void onTrainEnd(TrainingContext context) {
                        if (trainEnd != null) {
                            trainEnd.call();
                        }
                    }
                };
            }
        };
    }

    private static Closure<?> closure(Map<String, Object> args, String key, String plugin) {
        Object c = args.get(key);
        if (!(c instanceof Closure<?> cl)) {
            throw new DslException("activation '" + plugin + "' needs " + key + ": { ... }, a closure");
        }
        return cl;
    }

    private static void unknownKeys(Map<String, Object> args, String plugin, String... known) {
        List<String> ok = List.of(known);
        for (String k : args.keySet()) {
            if (!ok.contains(k)) {
                throw new DslException("'" + plugin + "' has no option '" + k + "' (options: " + String.join(", ", ok) + ")");
            }
        }
    }

    private static float number(Object v, String plugin, String what) {
        if (!(v instanceof Number n)) {
            throw new DslException(plugin + " " + what + " must return a number, got " + v);
        }
        return n.floatValue();
    }
}
