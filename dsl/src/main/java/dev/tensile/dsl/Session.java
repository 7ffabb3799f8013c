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
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.evaluation.TrainTestSplitter;

import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.data.Source;
import dev.tensile.eval.Diagnosis;
import dev.tensile.eval.Evaluations;
import dev.tensile.io.Checkpoints;
import dev.tensile.io.ModelFiles;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.ConsoleOutput;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.ForwardProbe;
import dev.tensile.train.History;
import dev.tensile.train.MemoryEstimate;
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
    /** The folder relative paths in scripts start from: the running script's, or the shell's working directory. */
    private Path baseDir;
    private final Long seedOverride;
    private final Map<String, String> properties;
    private final NetworkBuilder builder;

    private Dataset<Label> train;
    private Dataset<Label> dev;
    private Dataset<Label> test;
    private ModelSpec modelSpec;
    private TensileModel model;
    private Scaling.Kind scaling = Scaling.Kind.NONE;
    private Source<Label> trainSource;
    private TensileTrainer trainer;
    private int lastPlanEpochs;
    private final java.util.concurrent.atomic.AtomicBoolean interrupt = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean training;
    private boolean interrupted;
    private Path resumeFrom;
    private Path interruptCheckpoint;
    private dev.tensile.train.TrainPlan plan;
    /** The model a run in progress continues (resume, retrain), whose history comes first; null for a fresh run. */
    private TensileModel continuing;
    /** Every train block trains on this cluster backend ({@code --spark}); null: only those that say distributed. */
    private dev.tensile.distributed.Distribution distributeAll;
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

    /** True while a training run is in progress (a signal handler asks, from its own thread). */
    public boolean isTraining() {
        return training;
    }

    /** The next {@code train { }} block continues from this checkpoint instead of starting afresh ({@code --resume}). */
    public void resumeFrom(Path checkpoint) {
        this.resumeFrom = checkpoint;
    }

    /** Every {@code train { }} block trains distributed, with these options over the block's own ({@code --spark}). */
    public void distributeAll(dev.tensile.distributed.Distribution d) {
        d.bind(d.find());
        this.distributeAll = d;
    }

    private dev.tensile.distributed.Distribution distribution(TrainBlock block) {
        dev.tensile.distributed.Distribution d = block.distribution();
        return distributeAll == null ? d : d == null ? distributeAll : d.with(distributeAll);
    }

    /** True when {@link #resumeFrom(Path)} was given and no {@code train { }} block has used it yet. */
    public boolean resumePending() {
        return resumeFrom != null;
    }

    /**
     * Where a run stopped by {@link #requestInterrupt()} writes its checkpoint before the script is ended with
     * {@link TrainingInterrupted}; null (the shell's default) keeps the weights reached and lets the script go on.
     */
    public void checkpointOnInterrupt(Path file) {
        this.interruptCheckpoint = file;
    }

    /** The listener every training run of this session gets, through which {@link #requestInterrupt()} acts. */
    dev.tensile.spi.Callback.Listener interruptListener() {
        return new dev.tensile.spi.Callback.Listener() {
            @Override
            public void onTrainBegin(dev.tensile.train.TrainingContext context) {
                interrupt.set(false);
                interrupted = false;
                training = true;
                context.setCheckpointWriter(Session.this::writeCheckpoint);
            }

            @Override
            public void onBatchEnd(dev.tensile.train.TrainingContext context, int step, double loss) {
                if (interrupt.getAndSet(false)) {
                    interrupted = true;
                    context.requestStop("interrupted at step " + step + "; the weights reached are kept");
                }
            }

            @Override
            public void onTrainEnd(dev.tensile.train.TrainingContext context) {
                training = false;
            }
        };
    }

    /** A checkpoint callback's write, mid-run: the network as it stands, the history so far, the run's state. */
    private void writeCheckpoint(Path path, dev.tensile.train.TrainingContext ctx) {
        Path file = baseDir.resolve(path).toAbsolutePath().normalize();
        java.util.List<dev.tensile.train.EpochLog> logs = new java.util.ArrayList<>();
        TensileModel m = continuing;
        if (m != null) {
            logs.addAll(m.history().epochs()); // a continued run: the epochs before it
        }
        logs.addAll(ctx.history().epochs());
        FeatureLayout layout = m != null ? null : trainer.runLayout();
        TensileModel view = TensileModel.restore(
                m != null ? m.getProvenance() : new org.tribuo.provenance.ModelProvenance(
                        TensileModel.class.getName(), java.time.OffsetDateTime.now(), train.getProvenance(),
                        trainer.getProvenance(), Map.of()),
                m != null ? m.getFeatureIDMap() : layout.featureMap(train.getFeatureIDMap()),
                m != null ? m.getOutputIDInfo() : train.getOutputIDInfo(), modelSpec,
                new NetworkBuilder.Built(ctx.network(), List.of()), builder,
                History.of(logs), m != null ? m.scaling() : trainer.runScaling());
        Checkpoints.save(file, view, ctx.state(), plan.optimizer(), registry);
    }

    /** After a run: if it was interrupted and this session checkpoints interrupts, write one and end the script. */
    private void afterRun() {
        if (interrupted && interruptCheckpoint != null) {
            interrupted = false;
            dev.tensile.train.TrainingState st = model.trainingState();
            Checkpoints.save(interruptCheckpoint, model, st, plan.optimizer(), registry);
            throw new TrainingInterrupted(interruptCheckpoint, st.stepInEpoch() > 0
                    ? "in epoch " + (st.epochsDone() + 1) + " after step " + st.step()
                    : "after epoch " + st.epochsDone());
        }
    }

    /** Builds the model a {@code train { }} block continues from a checkpoint, checked against the script. */
    private void resume(Path file, dev.tensile.train.TrainPlan p, dev.tensile.distributed.Distribution distribution) {
        Checkpoints.Checkpoint c = Checkpoints.load(file, builder);
        if (!c.model().spec().toString().equals(modelSpec.toString())) {
            throw new DslException("cannot resume from " + file + ": its model (" + c.model().spec()
                    + ") is not the script's model { } (" + modelSpec + ")");
        }
        if (!c.optimizer().name().equals(p.optimizer().name())) {
            throw new DslException("cannot resume from " + file + ": it was trained with optimizer '"
                    + c.optimizer().name() + "', the train { } block says '" + p.optimizer().name() + "'");
        }
        if (c.model().scaling().kind() != scaling) {
            throw new DslException("cannot resume from " + file + ": it was trained with scale '"
                    + c.model().scaling().kind().label() + "', the data { } block says '" + scaling.label() + "'");
        }
        int more = p.epochs() - c.state().epochsDone();
        trainer = new TensileTrainer(modelSpec, p, registry, builder, scaling);
        trainer.distribute(distribution);
        model = c.model();
        model.resumeFrom(c.state());
        if (more < 1) {
            out.printf("resume: %s has already trained %d of %d epochs; nothing to do%n", file, c.state().epochsDone(), p.epochs());
            return;
        }
        out.printf("resuming from %s after epoch %d%s, up to epoch %d%n", file, c.state().epochsDone(),
                c.state().stepInEpoch() > 0 ? " and " + c.state().stepInEpoch() + " steps of the next" : "", p.epochs());
        continuing = model;
        trainer.continueFit(model, train, dev, more);
    }

    public ModelSpec modelSpec() {
        return modelSpec;
    }

    /** Makes relative paths start from {@code folder} (a script being run); returns the folder it replaces. */
    Path enterFolder(Path folder) {
        Path previous = baseDir;
        baseDir = folder;
        return previous;
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
        DataSource<Label> trainSource = block.train.data();
        DataSource<Label> testSource = block.test == null ? null : block.test.data();
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
        this.trainSource = block.train;
        this.scaling = block.scaling;
        out.printf("data: %d train, %s dev, %s test examples; %d features, %d classes%n", train.size(),
                dev == null ? "no" : dev.size(), test == null ? "no" : test.size(),
                block.train.width() > 0 ? block.train.width() : train.getFeatureMap().size(), train.getOutputInfo().size());
        if (scaling != Scaling.Kind.NONE) {
            out.println("scaling: " + scaling.label() + ", fitted on the training set when training starts");
        }
    }

    void applyModel(ModelBlock block) {
        ModelSpec spec = block.toSpec();
        MemoryEstimate.forNetwork(spec).check();
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
        if (trainSource.width() > 0 && trainSource.width() != modelSpec.inputs()) {
            throw new DslException("the model's input is " + modelSpec.inputs() + " features but the training data has "
                    + trainSource.width());
        }
        dev.tensile.train.TrainPlan p = block.toPlan(DEFAULT_SEED, seedOverride, interruptListener());
        lastPlanEpochs = p.epochs();
        plan = p;
        MemoryEstimate.forTraining(modelSpec, p, train.size(), dev == null ? 0 : dev.size()).check();
        Path from = resumeFrom != null ? resumeFrom : block.resumeFile() == null ? null : resolve(block.resumeFile());
        resumeFrom = null;
        if (from != null) {
            resume(from, p, distribution(block));
        } else {
            trainer = new TensileTrainer(modelSpec, p, registry, builder, scaling);
            trainer.distribute(distribution(block));
            continuing = null;
            model = trainer.fit(train, dev, Map.of());
        }
        afterRun();
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
        continuing = model;
        trainer.continueFit(model, train, dev, more);
        afterRun();
    }

    /** Evaluates on the test set, or on the dev set, or else on the training set, saying which. */
    public LabelEvaluation evaluate() {
        if (model == null) {
            throw new DslException("evaluate() needs a trained model: add a train { } block before it");
        }
        Dataset<Label> data = test != null ? test : dev != null ? dev : train;
        String which = test != null ? "test" : dev != null ? "dev" : "training (no test or dev set was given)";
        LabelEvaluation e = Evaluations.classification(model, data, "the " + which.split(" ")[0] + " set");
        out.println("evaluation on the " + which + " set, " + data.size() + " examples:");
        out.println(Evaluations.report(e));
        return e;
    }

    /**
     * Bias and variance: training and dev error from the trained model in inference mode (Tribuo's evaluator),
     * against the human-level error the user gives; prints the diagnosis and what to try.
     */
    public Diagnosis diagnose(double humanError, double tolerance) {
        if (model == null) {
            throw new DslException("diagnose needs a trained model: add a train { } block before it");
        }
        if (dev == null) {
            throw new DslException("diagnose needs a dev set to measure variance: add dev 0.1 to data { }");
        }
        double trainError = Evaluations.errorRate(model, train, "the training set");
        double devError = Evaluations.errorRate(model, dev, "the dev set");
        Diagnosis d = new Diagnosis(humanError, trainError, devError, tolerance);
        out.print(d.report());
        return d;
    }

    /**
     * Tribuo's k-fold cross-validation on the training set, with the network and training of the last
     * {@code train { }} block (a fresh network per fold, scaling fitted on each fold's training part).
     */
    public List<LabelEvaluation> crossValidate(int folds, long seed) {
        if (trainer == null) {
            throw new DslException("crossValidate needs a train { } block before it: it reuses its model and training");
        }
        if (folds < 2 || folds > train.size()) {
            throw new DslException("crossValidate folds must be in [2, " + train.size() + "] (the training examples), got " + folds);
        }
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(CrossValidation.class.getName());
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.WARNING);
        List<LabelEvaluation> results = new java.util.ArrayList<>();
        try {
            for (var fold : new CrossValidation<>(trainer, train, new LabelEvaluator(), folds, seed).evaluate()) {
                results.add(fold.getA());
            }
        } finally {
            log.setLevel(level);
        }
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < results.size(); i++) {
            double a = results.get(i).accuracy();
            sum += a;
            sq += a * a;
            out.printf("fold %d: accuracy %.4f on %d examples%n", i + 1, a, results.get(i).getPredictions().size());
        }
        double mean = sum / folds;
        double sd = Math.sqrt(Math.max(0, (sq - folds * mean * mean) / (folds - 1)));
        out.printf("cross-validation (%d folds): accuracy %.4f +- %.4f (sample deviation over folds)%n", folds, mean, sd);
        return results;
    }

    /** Writes the trained (or loaded) model to a file; a relative path is taken next to the script. */
    public void save(String path) {
        if (model == null) {
            throw new DslException("save needs a trained model: add a train { } block (or load a model) before it");
        }
        Path file = baseDir.resolve(path).toAbsolutePath().normalize();
        ModelFiles.save(model, file, registry);
        out.println("saved the model to " + file);
    }

    /** Replaces the session's model with one read from a file (training afterwards starts afresh from its spec). */
    public TensileModel load(String path) {
        Path file = resolve(path).normalize();
        model = ModelFiles.load(file, builder);
        modelSpec = model.spec();
        trainer = null;   // resuming a saved model's training needs a checkpoint, which model files are not
        out.printf("loaded the model from %s: %d inputs, %d classes, %d parameters, %d epochs of history%n", file,
                modelSpec.inputs(), modelSpec.output().units(), model.network().parameterCount(),
                model.history().epochs().size());
        return model;
    }

    /** One prediction from feature values by name; features the model never saw are an error. */
    public Prediction predict(Map<String, Object> features) {
        if (model == null) {
            throw new DslException("predict needs a trained model: add a train { } block before it");
        }
        List<String> names = new java.util.ArrayList<>();
        List<Double> values = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : features.entrySet()) {
            if (model.getFeatureIDMap().getID(e.getKey()) < 0) {
                throw new DslException("predict: the model has no feature '" + e.getKey() + "'");
            }
            if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new DslException("predict: feature '" + e.getKey() + "' must be a finite number, got " + e.getValue());
            }
            names.add(e.getKey());
            values.add(((Number) e.getValue()).doubleValue());
        }
        org.tribuo.impl.ArrayExample<Label> ex = new org.tribuo.impl.ArrayExample<>(
                org.tribuo.classification.LabelFactory.UNKNOWN_LABEL, names.toArray(String[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
        org.tribuo.Prediction<Label> p = model.predict(ex);
        Map<String, Double> probs = new java.util.LinkedHashMap<>();
        p.getOutputScores().forEach((k, v) -> probs.put(k, v.getScore()));
        return new Prediction(p.getOutput().getLabel(), p.getOutput().getScore(), probs);
    }

    /** A predicted label with its probability and every class's. */
    public record Prediction(String label, double probability, Map<String, Double> probabilities) {
        @Override
        public String toString() {
            return String.format("%s (p=%.3f)", label, probability);
        }
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
