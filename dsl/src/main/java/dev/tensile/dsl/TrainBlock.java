package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import groovy.lang.Closure;

import dev.tensile.nn.PluginRef;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;
import dev.tensile.train.EpochLog;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingContext;

/**
 * The {@code train { }} block: optimizer, epochs, batch, seed, regularizers, augmentations and callbacks. Training
 * starts when the block ends.
 */
public class TrainBlock {
    static final List<String> KEYWORDS = List.of("optimizer", "epochs", "batch", "seed", "regularizer", "augment",
            "callback", "onEpochEnd");

    private final Session session;
    private PluginRef optimizer = new PluginRef("adam", Map.of());
    private int epochs = 10;
    private int batch = 32;
    private Long seed;
    private final List<PluginRef> regularizers = new ArrayList<>();
    private final List<PluginRef> augmentations = new ArrayList<>();
    private final List<PluginRef> callbacks = new ArrayList<>();
    private final List<Callback.Listener> listeners = new ArrayList<>();

    TrainBlock(Session session) {
        this.session = session;
    }

    public void optimizer(Map<String, Object> args, String name) {
        PluginRef ref = new PluginRef(name, args);
        TrainPlan.createOptimizer(ref);
        this.optimizer = ref;
    }

    public void optimizer(String name) {
        optimizer(Map.of(), name);
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

    public void callback(Map<String, Object> args, String name) {
        session.registry().bind(Callback.class, name, args);
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

    TrainPlan toPlan(long defaultSeed, Long seedOverride) {
        long s = seedOverride != null ? seedOverride : seed != null ? seed : defaultSeed;
        List<PluginRef> cbs = new ArrayList<>(callbacks);
        if (cbs.stream().noneMatch(c -> c.name().equals("progress"))) {
            cbs.add(0, PluginRef.of("progress"));
        }
        return new TrainPlan(epochs, batch, s, optimizer, regularizers, augmentations, cbs, listeners);
    }
}
