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
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.ConsoleOutput;
import dev.tensile.plugin.PluginRegistry;
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
        TensileTrainer trainer = new TensileTrainer(modelSpec, block.toPlan(DEFAULT_SEED, seedOverride), registry, builder);
        model = trainer.fit(train, dev, Map.of());
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
}
