package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import groovy.lang.Closure;
import groovy.transform.NamedParam;

import dev.tensile.distributed.Distribution;
import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Optimizers;
import dev.tensile.optim.Schedule;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;
import dev.tensile.spi.EpochLog;
import dev.tensile.train.TrainPlan;
import dev.tensile.spi.TrainingContext;

/**
 * The {@code train { }} block: optimizer, epochs, batch, seed, regularizers, augmentations and callbacks. Training
 * starts when the block ends.
 */
public class TrainBlock {
    static final List<String> KEYWORDS = List.of("optimizer", "schedule", "warmup", "clip", "epochs", "batch", "seed",
            "regularizer", "augment", "callback", "onEpochEnd", "onDiagnostics", "resume", "distributed");

    private final Session session;
    private PluginRef optimizer = new PluginRef("adam", Map.of());
    private PluginRef schedule = PluginRef.of("constant");
    private double warmup;
    private double clipNorm;
    private double clipValue;
    private int epochs = 10;
    private int batch = 32;
    private Long seed;
    private String resume;
    private Distribution distribution;
    private final List<PluginRef> regularizers = new ArrayList<>();
    private final List<PluginRef> augmentations = new ArrayList<>();
    private final List<PluginRef> callbacks = new ArrayList<>();
    private final List<Callback.Listener> listeners = new ArrayList<>();

    TrainBlock(Session session) {
        this.session = session;
    }

    public void optimizer(Map<String, Object> args, String name) {
        PluginRef ref = new PluginRef(name, args);
        Optimizers.create(ref);
        this.optimizer = ref;
    }

    public void optimizer(String name) {
        optimizer(Map.of(), name);
    }

    /** A learning-rate schedule: {@code schedule 'cosine'}, {@code schedule 'step', every: 10, gamma: 0.5}. */
    public void schedule(Map<String, Object> args, String name) {
        PluginRef ref = new PluginRef(name, args);
        Schedule.create(ref);
        this.schedule = ref;
    }

    public void schedule(String name) {
        schedule(Map.of(), name);
    }

    /** Linear warm-up of the learning rate over this many epochs (fractions allowed). */
    public void warmup(double epochs) {
        if (!(epochs >= 0)) {
            throw new DslException("warmup must be a number of epochs >= 0, got " + epochs);
        }
        this.warmup = epochs;
    }

    /** Gradient clipping: {@code clip norm: 1.0} (global L2 norm) and/or {@code clip value: 0.5} (per element). */
    public void clip(
            @NamedParam(value = "norm", type = Double.class)
            @NamedParam(value = "value", type = Double.class) Map<String, Object> args) {
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (!(e.getValue() instanceof Number num) || !(num.doubleValue() > 0)) {
                throw new DslException("clip " + e.getKey() + " must be a positive number, got " + e.getValue());
            }
            switch (e.getKey()) {
                case "norm" -> clipNorm = num.doubleValue();
                case "value" -> clipValue = num.doubleValue();
                default -> throw new DslException("clip has no option '" + e.getKey() + "' (options: norm, value)");
            }
        }
    }

    public void epochs(int n) {
        if (n < 1) {
            throw new DslException("epochs must be at least 1, got " + n);
        }
        this.epochs = n;
    }

    public void batch(int n) {
        if (n < 1) {
            throw new DslException("batch must be at least 1, got " + n);
        }
        this.batch = n;
    }

    /**
     * Continues the run a checkpoint holds instead of starting afresh: the block still describes the whole run
     * (epochs is the total), the checkpoint says where it stands. A relative path is taken next to the script.
     */
    public void resume(String checkpoint) {
        this.resume = checkpoint;
    }

    String resumeFile() {
        return resume;
    }

    /**
     * Trains on a Spark cluster instead of this JVM: {@code distributed master: 'local[2]', workers: 2,
     * averageEvery: 8} (options and defaults: the spark module's {@code SparkTraining}). Needs the spark module on
     * the class path ({@code ./tensile run --spark}, or spark-submit); the options are checked here, at this line.
     */
    public void distributed(Map<String, Object> options) {
        Distribution d = new Distribution("spark", options);
        d.bind(d.find());
        this.distribution = d;
    }

    public void distributed() {
        distributed(Map.of());
    }

    Distribution distribution() {
        return distribution;
    }

    public void seed(long s) {
        this.seed = s;
    }

    public void regularizer(Map<String, Object> args, String name) {
        session.registry().bind(Regularizer.class, name, args);
        regularizers.add(new PluginRef(name, args));
    }

    public void regularizer(String name) {
        regularizer(Map.of(), name);
    }

    public void augment(Map<String, Object> args, String name) {
        session.registry().bind(Augmentation.class, name, args);
        augmentations.add(new PluginRef(name, args));
    }

    public void augment(String name) {
        augment(Map.of(), name);
    }

    /** A named callback; the files it will write are checked here, before any training (see {@link OutputFolders}). */
    public void callback(Map<String, Object> args, String name) {
        dev.tensile.plugin.PluginRegistry.Bound<Callback> b = session.registry().bind(Callback.class, name, args);
        for (String path : b.plugin().outputFiles(b.params())) {
            OutputFolders.problem(session.output(path)).ifPresent(p -> {
                throw new DslException("callback '" + name + "': " + p);
            });
        }
        callbacks.add(new PluginRef(name, args));
    }

    public void callback(String name) {
        callback(Map.of(), name);
    }

    /** An inline callback: {@code onEpochEnd { epoch, log -> println log.devAccuracy() }}. */
    public void onEpochEnd(Closure<?> body) {
        listeners.add(new Callback.Listener() {
            @Override
            public void onEpochEnd(TrainingContext context, EpochLog log) {
                body.call(log.epoch(), log);
            }
        });
    }

    /**
     * An inline diagnostics callback, every {@code every} steps:
     * {@code onDiagnostics(every: 50) { step, layers -> layers.each { println it } }}.
     */
    public void onDiagnostics(
            @NamedParam(value = "every", type = Integer.class) Map<String, Object> args, Closure<?> body) {
        for (String k : args.keySet()) {
            if (!k.equals("every")) {
                throw new DslException("onDiagnostics has no option '" + k + "' (options: every)");
            }
        }
        Object e = args.getOrDefault("every", 100);
        if (!(e instanceof Number n) || n.intValue() < 1) {
            throw new DslException("onDiagnostics every must be a positive integer, got " + e);
        }
        int every = ((Number) e).intValue();
        listeners.add(new Callback.Listener() {
            @Override
            public int diagnosticsEvery() {
                return every;
            }

            @Override
            public void onDiagnostics(TrainingContext context, int step, List<dev.tensile.spi.LayerStats> layers) {
                body.call(step, layers);
            }
        });
    }

    TrainPlan toPlan(long defaultSeed, Long seedOverride, Callback.Listener sessionListener) {
        long s = seedOverride != null ? seedOverride : seed != null ? seed : defaultSeed;
        List<PluginRef> cbs = new ArrayList<>(callbacks);
        if (cbs.stream().noneMatch(c -> c.name().equals("progress"))) {
            cbs.add(0, PluginRef.of("progress"));
        }
        // Checkpoints are written after the other named callbacks have seen the epoch, so that what they keep
        // (early stopping's patience, a plateau's reduced rate) is the epoch's, not the one before (issue 19 item 7).
        List<PluginRef> checkpoints = cbs.stream().filter(c -> c.name().equals("checkpoint")).toList();
        cbs.removeAll(checkpoints);
        cbs.addAll(checkpoints);
        List<Callback.Listener> all = new ArrayList<>(listeners);
        all.add(sessionListener);
        return new TrainPlan(epochs, batch, s, optimizer, schedule, warmup, clipNorm, clipValue, regularizers,
                augmentations, cbs, all);
    }
}
