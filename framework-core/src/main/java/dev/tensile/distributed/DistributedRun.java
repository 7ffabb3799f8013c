package dev.tensile.distributed;

import dev.tensile.nn.ModelSpec;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.nn.Network;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingState;

/**
 * One training run handed to a {@link DistributedTraining}: the description by name (what workers rebuild their
 * replicas from), the driver's network and bound configuration (its callbacks run here), and the data.
 *
 * @param spec     the model description; workers build their replicas from it
 * @param plan     the training description by name; workers bind it with their own plugin registry
 * @param registry the driver's plugins (the backend checks that workers can have the same ones)
 * @param network  the driver's network, initialized from the seed: its weights are the starting point and the result
 * @param train    the training examples, already laid out and scaled
 * @param dev      the held-out examples (null: none), evaluated on the driver after every epoch
 * @param config   the bound configuration: optimizer, schedule, regularizers, augmenters, callbacks
 * @param from     where a continued run stands (null: from the start)
 */
public record DistributedRun(ModelSpec spec, TrainPlan plan, PluginRegistry registry, Network network,
                             LabeledData train, LabeledData dev, TrainingConfig config, TrainingState from) {
}
