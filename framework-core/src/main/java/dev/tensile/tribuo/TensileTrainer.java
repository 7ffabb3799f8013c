package dev.tensile.tribuo;

import java.time.OffsetDateTime;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;

import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import dev.tensile.data.DataException;
import dev.tensile.data.TribuoData;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.train.History;
import dev.tensile.train.LabeledData;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingLoop;

/**
 * A Tribuo {@code Trainer<Label>} for Tensile networks: {@code train(dataset)} builds the network the
 * {@link ModelSpec} describes, trains it as the {@link TrainPlan} says and returns a {@link TensileModel}, so
 * plain Tribuo code (evaluators, cross-validation) works with it. The configured fields are recorded in the
 * model's provenance.
 */
public final class TensileTrainer implements Trainer<Label> {

    @Config(description = "Layers, widths, activations, initializers and loss")
    private String architecture;
    @Config(description = "Training description: optimizer, regularizers, augmentations, callbacks")
    private String training;
    @Config(description = "Passes over the training data")
    private int epochs;
    @Config(description = "Examples per step")
    private int batchSize;
    @Config(description = "Seed for weights, shuffling, dropout and augmentation")
    private long seed;
    @Config(description = "Tensile version")
    private String tensileVersion = dev.tensile.Version.get();

    private final transient ModelSpec spec;
    private final transient TrainPlan plan;
    private final transient NetworkBuilder builder;
    private final transient dev.tensile.plugin.PluginRegistry registry;
    private int invocations;

    public TensileTrainer(ModelSpec spec, TrainPlan plan, dev.tensile.plugin.PluginRegistry registry, NetworkBuilder builder) {
        this.spec = spec;
        this.plan = plan;
        this.registry = registry;
        this.builder = builder;
        this.architecture = spec.toString();
        this.training = plan.toString();
        this.epochs = plan.epochs();
        this.batchSize = plan.batchSize();
        this.seed = plan.seed();
    }

    @Override
    public Model<Label> train(Dataset<Label> dataset, Map<String, Provenance> runProvenance) {
        return fit(dataset, null, runProvenance);
    }

    /** Trains on {@code train}, reporting loss and accuracy on {@code dev} (may be null) after every epoch. */
    public TensileModel fit(Dataset<Label> train, Dataset<Label> dev, Map<String, Provenance> runProvenance) {
        if (train.size() == 0) {
            throw new DataException("the training data is empty");
        }
        ImmutableFeatureMap features = train.getFeatureIDMap();
        ImmutableOutputInfo<Label> labels = train.getOutputIDInfo();
        if (features.size() != spec.inputs()) {
            throw new DataException("the model's input is " + spec.inputs() + " features but the training data has "
                    + features.size());
        }
        if (labels.size() != spec.output().units()) {
            throw new DataException("the output layer has " + spec.output().units() + " units but the training data has "
                    + labels.size() + " classes (" + TribuoData.labelNames(labels) + ")");
        }
        LabeledData trainData = TribuoData.toMatrices(train, features, labels);
        LabeledData devData = dev == null ? null : TribuoData.toMatrices(dev, features, labels);
        NetworkBuilder.Built built = builder.build(spec, plan.seed());
        TrainerProvenance trainerProvenance = getProvenance();
        invocations++;
        History history = TrainingLoop.fit(built.network(), trainData, devData, plan.bind(registry));
        ModelProvenance provenance = new ModelProvenance(TensileModel.class.getName(), OffsetDateTime.now(),
                train.getProvenance(), trainerProvenance, runProvenance);
        return new TensileModel("tensile", provenance, features, labels, spec, built, builder, history);
    }

    @Override
    public int getInvocationCount() {
        return invocations;
    }

    @Override
    public void setInvocationCount(int count) {
        this.invocations = count;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "TensileTrainer(" + architecture + ", " + training + ")";
    }
}
