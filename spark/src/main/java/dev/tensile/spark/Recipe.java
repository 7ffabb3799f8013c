package dev.tensile.spark;

import java.io.Serializable;
import java.util.List;

import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.PluginRef;
import dev.tensile.train.TrainPlan;

/**
 * What every executor rebuilds its replica from, by name: the model description and the training description
 * without its callbacks (they run on the driver only). Plugin values from a script are numbers, text and booleans,
 * all serializable.
 */
final class Recipe implements Serializable {
    private static final long serialVersionUID = 1L;

    final String job;
    final ModelSpec spec;
    final int epochs;
    final int batchSize;
    final long seed;
    final PluginRef optimizer;
    final PluginRef schedule;
    final double warmupEpochs;
    final double clipNorm;
    final double clipValue;
    final List<PluginRef> regularizers;
    final List<PluginRef> augmentations;
    /** File names of plugin jars shipped with {@code SparkContext.addFile}, found on executors through SparkFiles. */
    final List<String> pluginJars;

    Recipe(String job, ModelSpec spec, TrainPlan plan, List<String> pluginJars) {
        this.job = job;
        this.spec = spec;
        this.epochs = plan.epochs();
        this.batchSize = plan.batchSize();
        this.seed = plan.seed();
        this.optimizer = plan.optimizer();
        this.schedule = plan.schedule();
        this.warmupEpochs = plan.warmupEpochs();
        this.clipNorm = plan.clipNorm();
        this.clipValue = plan.clipValue();
        this.regularizers = List.copyOf(plan.regularizers());
        this.augmentations = List.copyOf(plan.augmentations());
        this.pluginJars = List.copyOf(pluginJars);
    }

    /** The plan a replica trains with: the driver's, without callbacks. */
    TrainPlan plan() {
        return new TrainPlan(epochs, batchSize, seed, optimizer, schedule, warmupEpochs, clipNorm, clipValue,
                regularizers, augmentations, List.of(), List.of());
    }

    /**
     * Partition {@code p}'s seed for its shuffling, augmentation and dropout streams: the run's seed for partition
     * 0, so that one partition repeats the single-machine run bit for bit.
     */
    long seedOf(int partition) {
        return seed + partition;
    }
}
