package dev.tensile.train;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.nn.ModelPlan;
import dev.tensile.nn.PluginRef;
import dev.tensile.nn.PluginUses;
import dev.tensile.optim.Optimizers;
import dev.tensile.optim.Schedule;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Augmentation;
import dev.tensile.spi.Callback;
import dev.tensile.spi.Regularizer;

/**
 * A training description by name, as a script writes it; {@link #bind} turns it into a {@link TrainingConfig}
 * with fresh optimizer state and bound plugin workers.
 *
 * @param optimizer    an optimizer name from {@link Optimizers} with its parameters (lr among them)
 * @param schedule     a schedule name from {@link Schedule#create} with its parameters
 * @param warmupEpochs linear warm-up of the learning rate over this many epochs (fractions allowed), 0 for none
 * @param clipNorm     global-norm clipping limit, 0 for none
 * @param clipValue    per-element clipping limit, 0 for none
 * @param listeners    callbacks made in code (e.g. a script's closure), run after the named ones
 *
 * <p>{@link #toString()} is the training description a model's provenance records: the same plan always gives the
 * same text (listeners, objects without a stable name, are counted, never printed).
 */
public record TrainPlan(int epochs, int batchSize, long seed, PluginRef optimizer, PluginRef schedule,
                        double warmupEpochs, double clipNorm, double clipValue,
                        List<PluginRef> regularizers, List<PluginRef> augmentations, List<PluginRef> callbacks,
                        List<Callback.Listener> listeners) {

    public TrainPlan {
        regularizers = List.copyOf(regularizers);
        augmentations = List.copyOf(augmentations);
        callbacks = List.copyOf(callbacks);
        listeners = List.copyOf(listeners);
    }

    /** A constant learning rate and no clipping. */
    public TrainPlan(int epochs, int batchSize, long seed, PluginRef optimizer, List<PluginRef> regularizers,
                     List<PluginRef> augmentations, List<PluginRef> callbacks, List<Callback.Listener> listeners) {
        this(epochs, batchSize, seed, optimizer, PluginRef.of("constant"), 0, 0, 0, regularizers, augmentations,
                callbacks, listeners);
    }

    /** Every plugin {@code model} trained with this plan uses, in order ({@link PluginUses}). */
    public List<PluginUses.Use> pluginUses(ModelPlan model) {
        return PluginUses.of(model, regularizers, augmentations, callbacks);
    }

    /** This plan with another number of epochs. */
    public TrainPlan withEpochs(int n) {
        return new TrainPlan(n, batchSize, seed, optimizer, schedule, warmupEpochs, clipNorm, clipValue, regularizers,
                augmentations, callbacks, listeners);
    }

    public TrainingConfig bind(PluginRegistry registry) {
        List<Regularizer.Term> terms = new ArrayList<>();
        for (PluginRef r : regularizers) {
            PluginRegistry.Bound<Regularizer> b = registry.bind(Regularizer.class, r.name(), r.params());
            terms.add(b.plugin().create(b.params()));
        }
        List<Augmentation.Augmenter> augs = new ArrayList<>();
        for (PluginRef a : augmentations) {
            PluginRegistry.Bound<Augmentation> b = registry.bind(Augmentation.class, a.name(), a.params());
            augs.add(b.plugin().create(b.params()));
        }
        List<Callback.Listener> cbs = new ArrayList<>();
        for (PluginRef c : callbacks) {
            PluginRegistry.Bound<Callback> b = registry.bind(Callback.class, c.name(), c.params());
            cbs.add(b.plugin().create(b.params()));
        }
        cbs.addAll(listeners);
        return new TrainingConfig(epochs, batchSize, seed, Optimizers.create(optimizer),
                Schedule.create(schedule).withWarmup(warmupEpochs), clipNorm, clipValue, TrainingConfig.penalties(terms),
                TrainingConfig.constraints(terms), augs, cbs);
    }

    /**
     * The record's own text but for the listeners, whose default {@code toString} is an identity hash
     * ({@code Session$1@28501a4b}) that differs every run and would make two identical runs' provenance differ.
     */
    @Override
    public String toString() {
        return "TrainPlan[epochs=" + epochs + ", batchSize=" + batchSize + ", seed=" + seed + ", optimizer=" + optimizer
                + ", schedule=" + schedule + ", warmupEpochs=" + warmupEpochs + ", clipNorm=" + clipNorm
                + ", clipValue=" + clipValue + ", regularizers=" + regularizers + ", augmentations=" + augmentations
                + ", callbacks=" + callbacks + ", listeners=" + listeners.size() + "]";
    }
}
