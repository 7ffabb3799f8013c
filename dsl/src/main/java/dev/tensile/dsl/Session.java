package dev.tensile.dsl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.evaluation.TrainTestSplitter;

import dev.tensile.eval.Evaluations;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.ConsoleOutput;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.ForwardProbe;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * Everything a script or a shell session has built so far: data, model description, trained model. Scripts run by
 * {@code tensile run} get a fresh one; the shell keeps one across lines.
 */
public final class Session {
    /** The seed used when neither the script nor the command line gives one. */
    public static final long DEFAULT_SEED = 42;

    private final PluginRegistry registry;
    private final PrintStream out;
    private final Path baseDir;
    private final Long seedOverride;
    private final Map<String, String> properties;
    private final NetworkBuilder builder;

    private Dataset<Label> train;
    private Dataset<Label> dev;
    private Dataset<Label> test;
    private ModelSpec modelSpec;
    private TensileModel model;
    private TensileTrainer trainer;
    private int lastPlanEpochs;
    private final java.util.concurrent.atomic.AtomicBoolean interrupt = new java.util.concurrent.atomic.AtomicBoolean();
    String currentBlock;

    public Session(PluginRegistry registry, PrintStream out, Path baseDir, Long seedOverride, Map<String, String> properties) {
        this.registry = registry;
        this.out = out;
        this.baseDir = baseDir;
        this.seedOverride = seedOverride;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.builder = new NetworkBuilder(registry, GemmProvider.get());
        registry.injector().getInstance(ConsoleOutput.class).set(out);
    }

    public PluginRegistry registry() {
        return registry;
    }

    public PrintStream out() {
        return out;
    }

    public Map<String, String> properties() {
        return properties;
    }

    public TensileModel model() {
        return model;
    }

    /**
     * Asks the training in progress (if any) to stop at the end of its current batch, keeping the weights reached;
     * safe to call from a signal handler's thread.
     */
    public void requestInterrupt() {
        interrupt.set(true);
    }

    /** The listener every training run of this session gets, through which {@link #requestInterrupt()} acts. */
    dev.tensile.spi.Callback.Listener interruptListener() {
        return new dev.tensile.spi.Callback.Listener() {
            @Override
            public void onTrainBegin(dev.tensile.train.TrainingContext context) {
                interrupt.set(false);
            }

            @Override
            public void onBatchEnd(dev.tensile.train.TrainingContext context, int step, double loss) {
                if (interrupt.getAndSet(false)) {
                    context.requestStop("interrupted at step " + step + "; the weights reached are kept");
                }
            }
        };
    }

    public ModelSpec modelSpec() {
        return modelSpec;
    }

    Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        Path nextToScript = baseDir.resolve(p);
        return nextToScript.toFile().exists() ? nextToScript : p.toAbsolutePath();
    }

    void applyData(DataBlock block) {
        if (block.train == null) {
            throw new DslException("data { } needs a training source, e.g. train csv('file.csv', response: 'label')");
        }
        DataSource<Label> trainSource = block.train;
        DataSource<Label> testSource = block.test;
        if (block.testFraction > 0) {
            if (testSource != null) {
                throw new DslException("data { } has both a test source and split test: choose one");
            }
            TrainTestSplitter<Label> s = new TrainTestSplitter<>(trainSource, 1 - block.testFraction, block.splitSeed);
            trainSource = s.getTrain();
            testSource = s.getTest();
        }
        DataSource<Label> devSource = null;
        if (block.devFraction > 0) {
            TrainTestSplitter<Label> s = new TrainTestSplitter<>(trainSource, 1 - block.devFraction, block.splitSeed + 1);
            trainSource = s.getTrain();
            devSource = s.getTest();
        }
        train = new MutableDataset<>(trainSource);
        dev = devSource == null ? null : new MutableDataset<>(devSource);
        test = testSource == null ? null : new MutableDataset<>(testSource);
        out.printf("data: %d train, %s dev, %s test examples; %d features, %d classes%n", train.size(),
                dev == null ? "no" : dev.size(), test == null ? "no" : test.size(),
                train.getFeatureMap().size(), train.getOutputInfo().size());
    }

    void applyModel(ModelBlock block) {
        ModelSpec spec = block.toSpec();
        // Build once now so plugin names, parameters and shapes are checked where the model is written.
        builder.build(spec, 0);
        this.modelSpec = spec;
        this.model = null;
    }

    void applyTrain(TrainBlock block) {
        if (train == null) {
            throw new DslException("train { } needs data first: add a data { } block before it");
        }
        if (modelSpec == null) {
            throw new DslException("train { } needs a model first: add a model { } block before it");
        }
        dev.tensile.train.TrainPlan plan = block.toPlan(DEFAULT_SEED, seedOverride, interruptListener());
        lastPlanEpochs = plan.epochs();
        trainer = new TensileTrainer(modelSpec, plan, registry, builder);
        model = trainer.fit(train, dev, Map.of());
    }

    /** Continues training the current model for {@code epochs} more epochs (null: as many as its train block said). */
    public void continueTraining(Integer epochs) {
        if (model == null || trainer == null) {
            throw new DslException("nothing to continue: train a model with a train { } block first");
        }
        int more = epochs != null ? epochs : lastPlanEpochs;
        if (more < 1) {
            throw new DslException("epochs must be at least 1, got " + more);
        }
        trainer.continueFit(model, train, dev, more);
    }

    /** Evaluates on the test set, or on the dev set, or else on the training set, saying which. */
    public LabelEvaluation evaluate() {
        if (model == null) {
            throw new DslException("evaluate() needs a trained model: add a train { } block before it");
        }
        Dataset<Label> data = test != null ? test : dev != null ? dev : train;
        String which = test != null ? "test" : dev != null ? "dev" : "training (no test or dev set was given)";
        LabelEvaluation e = Evaluations.classification(model, data);
        out.println("evaluation on the " + which + " set, " + data.size() + " examples:");
        out.println(Evaluations.report(e));
        return e;
    }

    public void summary() {
        if (modelSpec == null) {
            throw new DslException("summary() needs a model { } block first");
        }
        List<NetworkBuilder.SummaryRow> rows = model != null ? model.summary() : builder.build(modelSpec, 0).summary();
        out.printf("%-40s %8s %10s  %s%n", "layer", "outputs", "params", "init");
        out.printf("%-40s %8d %10s  %s%n", "input", modelSpec.inputs(), "", "");
        long total = 0;
        for (NetworkBuilder.SummaryRow r : rows) {
            out.printf("%-40s %8d %10s  %s%n", r.layer(), r.outputs(), r.parameters() == 0 ? "" : r.parameters(), r.init());
            total += r.parameters();
        }
        out.printf("total trainable parameters: %d%n", total);
    }

    // --- probe, plot and error rates (the examples' actions) ---

    /** The training examples of the last data { } block (null before one). */
    Dataset<Label> trainingSet() {
        return train;
    }

    /** Where a file the script writes goes: relative paths are taken from the script's folder. */
    Path output(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).toAbsolutePath().normalize();
    }

    /**
     * One forward pass of the current model through {@code input}, with statistics per layer; weights come from
     * the trained model if there is one, else are freshly initialized from {@code seed} (the command line's
     * {@code --seed} wins, as for training).
     */
    public ForwardProbe.Result probe(Matrix input, long seed) {
        if (modelSpec == null) {
            throw new DslException("probe needs a model { } block first");
        }
        if (input.cols() != modelSpec.inputs()) {
            throw new DslException("probe input has " + input.cols() + " features but the model expects " + modelSpec.inputs());
        }
        Network net = model != null ? model.network()
                : builder.build(modelSpec, seedOverride != null ? seedOverride : seed).network();
        return ForwardProbe.run(net, input);
    }

    /** A plot, written to a PNG; see {@link PlotAction}. */
    public Path plot(String kind, Map<String, Object> args) {
        return new PlotAction(this).plot(kind, args);
    }

    /**
     * Error rates (1 - accuracy, Tribuo's evaluator, inference mode) of {@code m} (null: the last trained model) on
     * the train, dev and test sets that exist.
     */
    public Map<String, Double> errorRates(TensileModel m) {
        TensileModel which = m != null ? m : model;
        if (which == null) {
            throw new DslException("errorRates needs a trained model: add a train { } block before it");
        }
        org.tribuo.classification.evaluation.LabelEvaluator evaluator = new org.tribuo.classification.evaluation.LabelEvaluator();
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("train", 1 - evaluator.evaluate(which, train).accuracy());
        if (dev != null) {
            rates.put("dev", 1 - evaluator.evaluate(which, dev).accuracy());
        }
        if (test != null) {
            rates.put("test", 1 - evaluator.evaluate(which, test).accuracy());
        }
        return rates;
    }
}
