package dev.tensile.tribuo;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;

import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import dev.tensile.data.DataException;
import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.data.TribuoData;
import dev.tensile.distributed.DistributedRun;
import dev.tensile.distributed.Distribution;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.History;
import dev.tensile.train.LabeledData;
import dev.tensile.train.RunJournal;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingState;
import dev.tensile.train.TrainingLoop;

/**
 * What the classification and regression trainers share: {@code train(dataset)} lays the features out by name
 * ({@link FeatureLayout}, width = the model's declared input), converts the data to matrices once, fits the
 * scaling on the training matrix only, builds the network the {@link ModelSpec} describes and trains it as the
 * {@link TrainPlan} says. The {@code @Config} fields are what the model's provenance records.
 */
public abstract class NetworkTrainer<T extends Output<T>, M extends NetworkModel<T>> implements Trainer<T> {

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
    @Config(description = "Feature scaling fitted on the training data: none, min-max or z-score")
    private String scaling;
    @Config(description = "Plugins the network and its training use, by kind and name")
    private String plugins;
    @Config(description = "Tensile version")
    private String tensileVersion = dev.tensile.Version.get();

    private final transient ModelSpec spec;
    private final transient TrainPlan plan;
    private final transient NetworkBuilder builder;
    private final transient PluginRegistry registry;
    private final transient Scaling.Kind scalingKind;
    private transient FeatureLayout runLayout;
    private transient Scaling runScaling;
    /** Where training runs: null on this thread, else on a cluster backend. */
    private transient Distribution distribution;
    /** The training set of the run in progress (for checkpoints written mid-run). */
    private transient Dataset<T> runTrain;
    /** The model the run in progress continues ({@link #continueFit}); null for a fresh run. */
    private transient NetworkModel<T> runContinuing;
    private int invocations;
    private transient double trainDevFraction;
    private transient long trainDevSeed;

    NetworkTrainer(ModelSpec spec, TrainPlan plan, PluginRegistry registry, NetworkBuilder builder, Scaling.Kind scaling) {
        this.spec = spec;
        this.plan = plan;
        this.registry = registry;
        this.builder = builder;
        this.scalingKind = scaling;
        this.architecture = spec.toString();
        this.training = plan.toString();
        this.epochs = plan.epochs();
        this.batchSize = plan.batchSize();
        this.seed = plan.seed();
        this.scaling = scaling.label();
        this.plugins = Provenances.plugins(builder.plan(spec), plan);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Values per example the model outputs: one per class, or per regression dimension. */
    int outputWidth() {
        return builder.plan(spec).output().size();
    }

    public Scaling.Kind scalingKind() {
        return scalingKind;
    }

    @Override
    public M train(Dataset<T> dataset) {
        return train(dataset, Map.of());
    }

    @Override
    public M train(Dataset<T> dataset, Map<String, Provenance> runProvenance) {
        if (trainDevFraction > 0) {
            // Tribuo's train(dataset) has no dev set: hold one out, so callbacks that watch the dev loss work
            org.tribuo.datasource.ListDataSource<T> all = new org.tribuo.datasource.ListDataSource<>(dataset.getData(),
                    dataset.getOutputFactory(), new org.tribuo.provenance.SimpleDataSourceProvenance(
                            "training data of a Tribuo train() call", dataset.getOutputFactory()));
            org.tribuo.evaluation.TrainTestSplitter<T> split =
                    new org.tribuo.evaluation.TrainTestSplitter<>(all, 1 - trainDevFraction, trainDevSeed);
            return fit(new org.tribuo.MutableDataset<>(split.getTrain()), new org.tribuo.MutableDataset<>(split.getTest()),
                    runProvenance);
        }
        return fit(dataset, null, runProvenance);
    }

    /**
     * Makes Tribuo's {@code train(dataset)} (which {@code CrossValidation} calls once per fold) hold out this fraction
     * of its data as a dev set, split with {@code seed}; 0, the default, trains on all of it without a dev set.
     */
    public void holdOutDev(double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("dev fraction must be in [0, 1), got " + fraction);
        }
        this.trainDevFraction = fraction;
        this.trainDevSeed = seed;
    }

    /** Trains on a cluster backend from now on ({@code distributed ...} in a script); null trains on this thread. */
    public void distribute(Distribution distribution) {
        this.distribution = distribution;
    }

    /** Trains on {@code train}, reporting loss (and accuracy) on {@code dev} (may be null) after every epoch. */
    public M fit(Dataset<T> train, Dataset<T> dev, Map<String, Provenance> runProvenance) {
        if (train.size() == 0) {
            throw new DataException("the training data is empty");
        }
        FeatureLayout layout = FeatureLayout.forTraining(train, spec.inputs());
        ImmutableOutputInfo<T> outputs = train.getOutputIDInfo();
        checkOutputs(outputs);
        Matrix x = TribuoData.inputs(train, layout, Scaling.none());
        Scaling fitted = Scaling.fit(scalingKind, x, layout, train.getProvenance());
        fitted.apply(x);
        runLayout = layout;
        runScaling = fitted;
        runTrain = train;
        runContinuing = null;
        LabeledData trainData = new LabeledData(x, targets(train, outputs));
        LabeledData devData = null;
        if (dev != null) {
            layout.check(dev, "the dev set");
            devData = new LabeledData(TribuoData.inputs(dev, layout, fitted), targets(dev, outputs));
        }
        NetworkBuilder.Built built = builder.build(spec, plan.seed());
        checkLoss(built.network().loss().classification());
        TrainerProvenance trainerProvenance = getProvenance();
        invocations++;
        announce(built, java.util.List.of());
        TrainingLoop.Result result = run(built.network(), trainData, devData, plan, null);
        ModelProvenance provenance = new ModelProvenance(modelClass().getName(), OffsetDateTime.now(),
                train.getProvenance(), trainerProvenance, runProvenance);
        M model = model(provenance, layout.featureMap(train.getFeatureIDMap()), train.getOutputIDInfo(),
                new NetworkModel.Parts(spec, built, builder, result.history(), layout, fitted));
        model.trainingState = result.state();
        return model;
    }

    /**
     * Trains {@code model} (made by this trainer) for {@code moreEpochs} further epochs, continuing its run exactly:
     * same optimizer state, shuffling and augmentation streams, as if it had been asked for more epochs at first.
     * The data goes through the model's own layout and scaling (fitted when it was first trained).
     */
    public void continueFit(NetworkModel<T> model, Dataset<T> train, Dataset<T> dev, int moreEpochs) {
        if (model.trainingState == null) {
            throw new IllegalStateException("this model carries no training state to continue from");
        }
        runContinuing = model;
        ImmutableOutputInfo<T> outputs = model.getOutputIDInfo();
        LabeledData trainData = new LabeledData(TribuoData.inputs(train, model.layout(), model.scaling()),
                targets(train, outputs));
        LabeledData devData = dev == null ? null
                : new LabeledData(TribuoData.inputs(dev, model.layout(), model.scaling()), targets(dev, outputs));
        TrainPlan more = new TrainPlan(model.trainingState.epochsDone() + moreEpochs, plan.batchSize(), plan.seed(),
                plan.optimizer(), plan.schedule(), plan.warmupEpochs(), plan.clipNorm(), plan.clipValue(),
                plan.regularizers(), plan.augmentations(), plan.callbacks(), plan.listeners());
        announce(model.parts().built(), model.history().epochs());
        TrainingLoop.Result result = run(model.network(), trainData, devData, more, model.trainingState);
        model.history().addAll(result.history());
        model.trainingState = result.state();
    }

    private TrainingLoop.Result run(Network net, LabeledData trainData, LabeledData devData, TrainPlan p,
                                    TrainingState from) {
        TrainingConfig config = p.bind(registry);
        if (distribution == null) {
            return TrainingLoop.fitFrom(net, trainData, devData, config, from);
        }
        return distribution.fit(new DistributedRun(spec, p, registry, net, trainData, devData, config, from));
    }

    /** Tells the registry's {@link RunJournal} (and so a report following the run) what this run is. */
    private void announce(NetworkBuilder.Built built, java.util.List<dev.tensile.spi.EpochLog> earlier) {
        Map<String, String> described = new java.util.LinkedHashMap<>();
        getProvenance().getConfiguredParameters().forEach((k, v) -> described.put(k,
                v instanceof PrimitiveProvenance<?> p ? String.valueOf(p.getValue()) : String.valueOf(v)));
        java.util.List<RunJournal.SummaryLine> summary = new java.util.ArrayList<>();
        for (NetworkBuilder.SummaryRow r : built.summary()) {
            summary.add(new RunJournal.SummaryLine(r.layer(), r.output().size(), r.parameters(), r.init()));
        }
        registry.injector().getInstance(RunJournal.class).begin(new RunJournal.Run(described, summary, earlier));
    }

    /**
     * The run in progress as a model, for a checkpoint written mid-run: {@code network} as it stands, the history so
     * far (after a continued model's earlier epochs), and the layout and scaling the run uses. Only between the start
     * of {@link #fit} or {@link #continueFit} and the next run.
     */
    public M midRun(Network network, History soFar) {
        NetworkModel.Parts parts;
        NetworkModel<T> m = runContinuing;
        if (m != null) {
            History all = m.history().copy();
            all.addAll(soFar);
            parts = new NetworkModel.Parts(spec, new NetworkBuilder.Built(network, List.of()), builder, all,
                    m.layout(), m.scaling());
            return modelClass().cast(m.rebuild(m.getName(), continuedProvenance(m), parts));
        }
        if (runTrain == null) {
            throw new IllegalStateException("no run of this trainer has started");
        }
        parts = new NetworkModel.Parts(spec, new NetworkBuilder.Built(network, List.of()), builder, soFar.copy(),
                runLayout, runScaling);
        ModelProvenance provenance = new ModelProvenance(modelClass().getName(), OffsetDateTime.now(),
                runTrain.getProvenance(), getProvenance(), Map.of());
        return model(provenance, runLayout.featureMap(runTrain.getFeatureIDMap()), runTrain.getOutputIDInfo(), parts);
    }

    /**
     * {@code model} after {@link #continueFit}, with the provenance of the run that continued it: this trainer's plan
     * (its epochs are the total the run went to) and the time it ended, not the checkpoint's plan and time.
     */
    public M continued(NetworkModel<T> model) {
        M m = modelClass().cast(model.rebuild(model.getName(), continuedProvenance(model), model.parts()));
        m.trainingState = model.trainingState;
        return m;
    }

    private ModelProvenance continuedProvenance(NetworkModel<T> m) {
        return new ModelProvenance(modelClass().getName(), OffsetDateTime.now(),
                m.getProvenance().getDatasetProvenance(), getProvenance(), Map.of());
    }

    /** The output layer must fit the outputs the training data has. */
    abstract void checkOutputs(ImmutableOutputInfo<T> outputs);

    abstract void checkLoss(boolean classificationLoss);

    abstract Matrix targets(Dataset<T> data, ImmutableOutputInfo<T> outputs);

    abstract Class<M> modelClass();

    /** The model around a trained network; {@code features} lists one feature per input column. */
    abstract M model(ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<T> outputs,
                     NetworkModel.Parts parts);

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
        return getClass().getSimpleName() + "(" + architecture + ", " + training + ", scaling " + scaling + ")";
    }
}
