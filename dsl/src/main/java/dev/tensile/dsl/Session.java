package dev.tensile.dsl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;

import dev.tensile.eval.CrossValidations;
import dev.tensile.eval.Diagnosis;
import dev.tensile.eval.Evaluations;
import dev.tensile.eval.Reports;
import dev.tensile.io.ModelFiles;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.ModelPlan;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.ConsoleOutput;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.ForwardProbe;
import dev.tensile.train.MemoryEstimate;
import dev.tensile.train.Observations;
import dev.tensile.train.RunJournal;
import dev.tensile.tribuo.NetworkModel;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileRegressionModel;

/**
 * Everything a script or a shell session has built so far: data, model description, trained model, and the
 * script's verbs on them. Scripts run by {@code tensile run} get a fresh one; the shell keeps one across lines.
 * The work is elsewhere: splitting in {@link DataSplits}, training in {@link Runs}, reports in
 * {@code dev.tensile.eval}.
 */
public final class Session {
    /** The seed used when neither the script nor the command line gives one. */
    public static final long DEFAULT_SEED = 42;
    /** The dev fraction each cross-validation fold holds out when callbacks may need one and data { } gave none. */
    static final double DEFAULT_FOLD_DEV = 0.1;

    private final PluginRegistry registry;
    private final PrintStream out;
    /** The folder relative paths in scripts start from: the running script's, or the shell's working directory. */
    private Path baseDir;
    private final Long seedOverride;
    private final Map<String, String> properties;
    private final NetworkBuilder builder;
    private final Runs runs = new Runs(this);

    private DataSplits<?> data;
    private ModelSpec modelSpec;
    /** The last {@code train { }} block that ran, for {@code retrain} after a new model { }. */
    private TrainBlock lastTrain;
    /** Whether the model { } block's loss classifies (cross-entropy) or regresses (mse). */
    private boolean classificationLoss = true;
    private NetworkModel<?> model;
    /** The files the script being run saves or exports later, checked before each training run. */
    private List<PlannedWrites.Write> plannedWrites = List.of();
    String currentBlock;
    /** The block object the current block's closure delegates to (null at the top level). */
    Object currentDelegate;

    public Session(PluginRegistry registry, PrintStream out, Path baseDir, Long seedOverride, Map<String, String> properties) {
        this.registry = registry;
        this.out = out;
        this.baseDir = baseDir;
        this.seedOverride = seedOverride;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.builder = new NetworkBuilder(registry, GemmProvider.get());
        registry.injector().getInstance(ConsoleOutput.class).set(out);
        journal().setFolder(baseDir);
    }

    /** The registry's record of the latest run, which reports follow. */
    private dev.tensile.train.RunJournal journal() {
        return registry.injector().getInstance(dev.tensile.train.RunJournal.class);
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

    /** The trained or loaded model: a classifier ({@code TensileModel}) or a regressor; null before one. */
    public NetworkModel<?> model() {
        return model;
    }

    public ModelSpec modelSpec() {
        return modelSpec;
    }

    NetworkBuilder builder() {
        return builder;
    }

    Long seedOverride() {
        return seedOverride;
    }

    /**
     * Asks the training in progress (if any) to stop at the end of its current batch, keeping the weights reached;
     * safe to call from a signal handler's thread.
     */
    public void requestInterrupt() {
        runs.interrupts().request();
    }

    /** True while a training run is in progress (a signal handler asks, from its own thread). */
    public boolean isTraining() {
        return runs.interrupts().isTraining();
    }

    /** The next {@code train { }} block continues from this checkpoint instead of starting afresh ({@code --resume}). */
    public void resumeFrom(Path checkpoint) {
        runs.resumeFrom(checkpoint);
    }

    /** Every {@code train { }} block trains distributed, with these options over the block's own ({@code --spark}). */
    public void distributeAll(dev.tensile.distributed.Distribution d) {
        runs.distributeAll(d);
    }

    /** True when {@link #resumeFrom(Path)} was given and no {@code train { }} block has used it yet. */
    public boolean resumePending() {
        return runs.resumePending();
    }

    /**
     * Where a run stopped by {@link #requestInterrupt()} writes its checkpoint before the script is ended with
     * {@link TrainingInterrupted}; null (the shell's default) keeps the weights reached and lets the script go on.
     */
    public void checkpointOnInterrupt(Path file) {
        runs.interrupts().checkpointTo(file);
    }

    /** Makes relative paths start from {@code folder} (a script being run); returns the folder it replaces. */
    Path enterFolder(Path folder) {
        Path previous = baseDir;
        baseDir = folder;
        journal().setFolder(folder);
        return previous;
    }

    /** A file the script reads: next to the script if it exists there, else from the working directory. */
    Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        Path nextToScript = baseDir.resolve(p);
        return nextToScript.toFile().exists() ? nextToScript : p.toAbsolutePath();
    }

    /** Where a file the script writes goes: relative paths are taken from the script's folder. */
    Path output(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).toAbsolutePath().normalize();
    }

    void applyData(DataBlock block) {
        data = DataSplits.of(block);
        data.describe(out);
    }

    /** The model block's words: its own and every layer plugin's keyword. */
    LayerKeywords layerKeywords() {
        return LayerKeywords.of(registry);
    }

    void applyModel(ModelBlock block) {
        ModelSpec spec = block.toSpec();
        ModelPlan plan;
        try {
            plan = builder.plan(spec);
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
        MemoryEstimate.forNetwork(plan).check();
        // Build once now so plugin names, parameters and shapes are checked where the model is written.
        classificationLoss = builder.build(plan, 0).network().loss().classification();
        this.modelSpec = spec;
        this.model = null;
    }

    void applyTrain(TrainBlock block) {
        checkFits();
        checkPlannedWrites();
        model = runs.train(block, data.forLoss(classificationLoss, modelSpec.loss()));
        lastTrain = block;
    }

    /** The data and the model exist and fit each other: before a train { } block runs. */
    private void checkFits() {
        if (data == null) {
            throw new DslException("train { } needs data first: add a data { } block before it");
        }
        if (modelSpec == null) {
            throw new DslException("train { } needs a model first: add a model { } block before it");
        }
        dev.tensile.spi.Shape declared = modelSpec.input();
        dev.tensile.spi.Shape given = data.source().shape();
        if (declared.rank() > 1 && given != null && (given.rank() > 1 ? !given.equals(declared)
                : given.size() != declared.size())) {
            // an image model: the data's images must have the declared shape (a vector model takes any images flat)
            throw new DslException("the model's input is " + declared + " (input " + declared.toList().toString()
                    .replaceAll("[\\[\\]]", "") + ") but the training data's examples are " + given
                    + (given.rank() > 1 ? " images" : " features") + " (" + data.source().description() + ")");
        }
        if (data.source().width() > 0 && data.source().width() != modelSpec.inputs()) {
            throw new DslException("the model's input is " + modelSpec.inputs() + " features but the training data has "
                    + data.source().width());
        }
    }

    /** The {@code save} and {@code export} lines of the script now running (see {@link PlannedWrites}). */
    void planWrites(List<PlannedWrites.Write> writes) {
        this.plannedWrites = List.copyOf(writes);
    }

    /** A later {@code save} that could not write its file is said now, at its line, before the training it would lose. */
    private void checkPlannedWrites() {
        for (PlannedWrites.Write w : plannedWrites) {
            OutputFolders.problem(output(w.path())).ifPresent(p -> {
                throw new ScriptFailure(w.script() + ":" + w.line() + ": " + w.verb() + " '" + w.path() + "': " + p
                        + " (checked before training)", null);
            });
        }
    }

    /** The data as {@code m} sees it: labels for a classifier, numbers for a regressor. */
    private DataSplits<?> dataFor(NetworkModel<?> m, String action) {
        if (data == null) {
            throw new DslException(action + " needs data: add a data { } block (a loaded model brings none)");
        }
        return data.forLoss(m.classifies(), m.spec().loss());
    }

    /**
     * Continues training the current model for {@code epochs} more epochs (null: as many as its train block said).
     * After a new {@code model { }} (nothing trained yet) it trains that model with the last {@code train { }} block.
     */
    public void continueTraining(Integer epochs) {
        if (model == null && lastTrain != null && modelSpec != null) {
            checkFits();
            out.println("training the new model { } with the last train { } block"
                    + (epochs != null ? " for " + epochs + " epochs" : ""));
            model = runs.trainAgain(lastTrain, data.forLoss(classificationLoss, modelSpec.loss()), epochs);
            return;
        }
        runs.continueTraining(model, model == null ? null : dataFor(model, "retrain"), epochs);
    }

    /**
     * Evaluates on the test set, or on the dev set, or else on the training set, saying which: Tribuo's accuracy,
     * per-class figures and confusion matrix for a classifier, its RMSE, MAE and R² for a regressor.
     */
    @SuppressWarnings("unchecked")
    public Object evaluate() {
        if (model == null) {
            throw new DslException("evaluate() needs a trained model: add a train { } block before it");
        }
        DataSplits<?> d = dataFor(model, "evaluate()");
        Dataset<?> set = d.test() != null ? d.test() : d.dev() != null ? d.dev() : d.train();
        String which = d.test() != null ? "test" : d.dev() != null ? "dev" : "training (no test or dev set was given)";
        String what = "the " + which.split(" ")[0] + " set";
        if (model instanceof TensileModel classifier) {
            LabelEvaluation e = Evaluations.classification(classifier, (Dataset<Label>) set, what);
            out.print(Reports.evaluation(which, set.size(), e));
            RunJournal.Evaluation entry = journalEntry(classifier, e, what);
            journal().evaluated(entry);
            observations().ifPresent(o -> o.evaluated(entry)); // saved with the model, for tensile report
            return e;
        }
        // the run journal (and the report callback) records a classifier's confusion matrix; a regressor has none
        RegressionEvaluation e = Evaluations.regression((TensileRegressionModel) model, (Dataset<Regressor>) set, what);
        out.print(Reports.evaluation(which, set.size(), e));
        return e;
    }

    /** The current model's observations (what its report shows), which its file keeps. */
    private java.util.Optional<Observations> observations() {
        return model == null || model.history() == null ? java.util.Optional.empty()
                : java.util.Optional.of(model.history().observations());
    }

    /** Tribuo's confusion matrix as plain counts, classes in the model's output order. */
    private static RunJournal.Evaluation journalEntry(TensileModel model, LabelEvaluation e, String dataset) {
        List<Label> labels = new java.util.ArrayList<>();
        model.getOutputIDInfo().getDomain().forEach(labels::add);
        labels.sort(java.util.Comparator.comparingInt(l -> model.getOutputIDInfo().getID(l)));
        long[][] counts = new long[labels.size()][labels.size()];
        for (int t = 0; t < labels.size(); t++) {
            for (int p = 0; p < labels.size(); p++) {
                counts[t][p] = Math.round(e.getConfusionMatrix().confusion(labels.get(p), labels.get(t)));
            }
        }
        return new RunJournal.Evaluation(dataset, labels.stream().map(Label::getLabel).toList(),
                counts, e.accuracy());
    }

    /**
     * Bias and variance: training and dev error from the trained model in inference mode (Tribuo's evaluator),
     * against the human-level error the user gives; prints the diagnosis and what to try.
     */
    public Diagnosis diagnose(double humanError, double tolerance) {
        return diagnose(humanError, (Double) tolerance);
    }

    /**
     * As above; for a regressor the errors are RMSEs in the target's units, and {@code tolerance} (null: the
     * default) defaults to {@value Diagnosis#DEFAULT_TOLERANCE} of the training targets' standard deviation.
     */
    @SuppressWarnings("unchecked")
    public Diagnosis diagnose(double humanError, Double tolerance) {
        if (model == null) {
            throw new DslException("diagnose needs a trained model: add a train { } block before it");
        }
        DataSplits<?> d = dataFor(model, "diagnose");
        if (d.dev() == null) {
            throw new DslException("diagnose needs a dev set to measure variance: add dev 0.1 to data { }");
        }
        Diagnosis diagnosis;
        if (model instanceof TensileModel classifier) {
            double trainError = Evaluations.errorRate(classifier, (Dataset<Label>) d.train(), "the training set");
            double devError = Evaluations.errorRate(classifier, (Dataset<Label>) d.dev(), "the dev set");
            diagnosis = new Diagnosis(humanError, trainError, devError,
                    tolerance != null ? tolerance : Diagnosis.DEFAULT_TOLERANCE);
        } else {
            TensileRegressionModel regressor = (TensileRegressionModel) model;
            Dataset<Regressor> train = (Dataset<Regressor>) d.train();
            double trainError = Evaluations.regression(regressor, train, "the training set").averageRMSE();
            double devError = Evaluations.regression(regressor, (Dataset<Regressor>) d.dev(), "the dev set").averageRMSE();
            double tol = tolerance != null ? tolerance : Diagnosis.DEFAULT_TOLERANCE * Evaluations.targetDeviation(train);
            diagnosis = new Diagnosis(humanError, trainError, devError, tol,
                    "'" + String.join("', '", regressor.outputNames()) + "'");
        }
        out.print(diagnosis.report());
        journal().diagnosed(diagnosis);
        Diagnosis made = diagnosis;
        observations().ifPresent(o -> o.diagnosed(made));
        return diagnosis;
    }

    /**
     * Tribuo's k-fold cross-validation on the training set, with the network and training of the last
     * {@code train { }} block (a fresh network per fold, scaling fitted on each fold's training part).
     */
    @SuppressWarnings("unchecked")
    public List<?> crossValidate(int folds, long seed) {
        if (runs.trainer() == null) {
            throw new DslException("crossValidate needs a train { } block before it: it reuses its model and training");
        }
        DataSplits<?> d = data.forLoss(classificationLoss, modelSpec.loss());
        if (folds < 2 || folds > d.train().size()) {
            throw new DslException("crossValidate folds must be in [2, " + d.train().size()
                    + "] (the training examples), got " + folds);
        }
        // each fold trains as the train { } block does: with a dev set held out of its training part when the data
        // block asks for one, or when a callback may watch the dev loss (early stopping, reduce-on-plateau, ...)
        double devFraction = data.devFraction() > 0 ? data.devFraction()
                : runs.plan().callbacks().stream().allMatch(c -> c.name().equals("progress")) ? 0 : DEFAULT_FOLD_DEV;
        runs.trainer().holdOutDev(devFraction, seed + 1);
        if (devFraction > 0) {
            out.printf("crossValidate: each fold holds out %.0f%% of its training part as its dev set%n", 100 * devFraction);
        }
        if (d.regression()) {
            List<RegressionEvaluation> results = CrossValidations.regression(
                    (Trainer<Regressor>) runs.trainer(), (Dataset<Regressor>) d.train(), folds, seed);
            out.print(CrossValidations.regressionReport(results));
            return results;
        }
        List<LabelEvaluation> results = CrossValidations.classification(
                (Trainer<Label>) runs.trainer(), (Dataset<Label>) d.train(), folds, seed);
        out.print(CrossValidations.report(results));
        return results;
    }

    /** Writes the trained (or loaded) model to a file; a relative path is taken next to the script. */
    public void save(String path) {
        if (model == null) {
            throw new DslException("save needs a trained model: add a train { } block (or load a model) before it");
        }
        Path file = output(path);
        ModelFiles.save(model, file, registry);
        out.println("saved the model to " + file);
    }

    /** Writes the trained (or loaded) model as ONNX; a relative path is taken next to the script. */
    public void exportOnnx(String path) {
        if (model == null) {
            throw new DslException("export needs a trained model: add a train { } block (or load a model) before it");
        }
        Path file = output(path);
        try {
            dev.tensile.io.OnnxFiles.save(model, file);
        } catch (dev.tensile.onnx.OnnxExportException e) {
            throw new DslException(e.getMessage());
        }
        out.println("exported the model to " + file + " (ONNX opset " + dev.tensile.spi.OnnxOps.OPSET + ")");
    }

    /** Replaces the session's model with one read from a file (training afterwards starts afresh from its spec). */
    public NetworkModel<?> load(String path) {
        Path file = resolve(path).normalize();
        model = ModelFiles.loadAny(file, builder);
        modelSpec = model.spec();
        classificationLoss = model.classifies();
        runs.forget();
        out.printf("loaded the model from %s: %d inputs, %s, %d parameters, %d epochs of history%n", file,
                modelSpec.inputs(), model.classifies() ? model.outputNames().size() + " classes"
                        : "regression on '" + String.join("', '", model.outputNames()) + "'",
                model.network().parameterCount(), model.history().epochs().size());
        return model;
    }

    /**
     * One prediction from feature values by name; features the model never saw are an error. A classifier gives a
     * {@link Prediction}, a regressor its number (a map of them by name when it has several outputs).
     */
    public Object predict(Map<String, Object> features) {
        if (model == null) {
            throw new DslException("predict needs a trained model: add a train { } block before it");
        }
        return Predictions.predict(model, features, out);
    }

    public void summary() {
        if (modelSpec == null) {
            throw new DslException("summary() needs a model { } block first");
        }
        out.print(Reports.summary(modelSpec.input(), model != null ? model.summary() : builder.build(modelSpec, 0).summary()));
    }

    /** The training examples of the last data { } block as class labels (null before one, or for regression data). */
    @SuppressWarnings("unchecked")
    Dataset<Label> trainingSet() {
        return data == null || data.regression() ? null : (Dataset<Label>) data.train();
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
    @SuppressWarnings("unchecked")
    public Map<String, Double> errorRates(NetworkModel<?> m) {
        NetworkModel<?> which = m != null ? m : model;
        if (which == null) {
            throw new DslException("errorRates needs a trained model: add a train { } block before it");
        }
        if (!(which instanceof TensileModel classifier)) {
            throw new DslException("errorRates is for classifiers: a regressor's errors are evaluate()'s RMSE and MAE");
        }
        DataSplits<Label> d = (DataSplits<Label>) dataFor(which, "errorRates");
        return Evaluations.errorRates(classifier, d.train(), d.dev(), d.test());
    }
}
