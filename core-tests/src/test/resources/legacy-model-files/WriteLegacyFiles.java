import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.tensile.data.Scaling;
import dev.tensile.io.Checkpoints;
import dev.tensile.io.ModelFiles;
import dev.tensile.kernel.GemmProvider;
// The API of before format version 3: the sealed LayerSpec with its Dense and ActivationRegularizer records.
import dev.tensile.nn.LayerSpec.*;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/**
 * Writes the legacy model-file fixtures with the Tensile that is on the class path (see README.md here), and what
 * that Tensile predicts for them. Compiles against the API of 4182232 (format version 1) and d75542c (version 2),
 * not today's; the build never compiles it.
 *
 * <p>Usage: {@code java -cp 'TENSILE/shell/target/lib/*' --add-modules jdk.incubator.vector WriteLegacyFiles.java
 * v1|v2 OUTDIR}
 */
public class WriteLegacyFiles {
    static final PluginRegistry REGISTRY = PluginRegistry.discover();
    static final NetworkBuilder BUILDER = new NetworkBuilder(REGISTRY, GemmProvider.get());

    /** input 2, dense 16 relu, dropout 0.1, dense 8 tanh (xavier-uniform), softmax 3: the io tests' model. */
    static final ModelSpec SPEC = new ModelSpec(2, List.of(
            new Dense(16, PluginRef.of("relu"), null),
            new ActivationRegularizer(new PluginRef("dropout", Map.of("rate", 0.1))),
            new Dense(8, PluginRef.of("tanh"), PluginRef.of("xavier-uniform"))),
            new Dense(3, PluginRef.of("softmax"), null), "cross-entropy");

    static TrainPlan plan(int epochs) {
        return new TrainPlan(epochs, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)), List.of(), List.of(),
                List.of(), List.of());
    }

    public static void main(String[] args) throws IOException {
        String version = args[0];
        Path out = Files.createDirectories(Path.of(args[1]));
        // v2 files exist only for scaled models: z-score, with inputs far from 0 so that scaling matters.
        boolean scaled = version.equals("v2");
        double offset = scaled ? 50 : 0;
        String prefix = scaled ? "v2-scaled-" : "v1-";
        List<double[]> train = rings(150, offset);
        writeCsv(out.resolve(prefix + "train.csv"), train);
        List<double[]> probe = grid(offset);

        TensileTrainer trainer = scaled
                ? new TensileTrainer(SPEC, plan(4), REGISTRY, BUILDER, Scaling.Kind.Z_SCORE)
                : new TensileTrainer(SPEC, plan(4), REGISTRY, BUILDER);
        TensileModel model = trainer.fit(dataset(train), null, Map.of());
        ModelFiles.save(model, out.resolve(prefix + "classifier.tensile"), REGISTRY);
        writePredictions(out.resolve(prefix + "classifier.expected.csv"), model, probe);

        // A checkpoint after 2 of 4 epochs, then what this Tensile gives when it resumes from the file for 2 more.
        TensileTrainer half = scaled
                ? new TensileTrainer(SPEC, plan(2), REGISTRY, BUILDER, Scaling.Kind.Z_SCORE)
                : new TensileTrainer(SPEC, plan(2), REGISTRY, BUILDER);
        TensileModel first = half.fit(dataset(train), null, Map.of());
        Path ckpt = out.resolve(prefix + "checkpoint.tensile");
        Checkpoints.save(ckpt, first, first.trainingState(), plan(4).optimizer(), REGISTRY);
        Checkpoints.Checkpoint c = Checkpoints.load(ckpt, BUILDER);
        TensileModel resumed = c.model();
        resumed.resumeFrom(c.state());
        trainer.continueFit(resumed, dataset(train), null, 2);
        writePredictions(out.resolve(prefix + "checkpoint.resumed.expected.csv"), resumed, probe);
    }

    /** Three rings around (offset, offset), labelled out of sorted order; no random numbers, StrictMath only. */
    static List<double[]> rings(int n, double offset) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            double r = 0.3 * c + 0.1 + 0.1 * ((i * 0.6180339887498949) % 1.0);
            double a = i * 2.399963229728653;
            rows.add(new double[] {offset + r * StrictMath.cos(a), offset + r * StrictMath.sin(a), c});
        }
        return rows;
    }

    /** 25 points across the rings. */
    static List<double[]> grid(double offset) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                rows.add(new double[] {offset - 0.8 + 0.4 * i, offset - 0.8 + 0.4 * j});
            }
        }
        return rows;
    }

    static final String[] NAMES = {"outer", "inner", "middle"};

    static MutableDataset<Label> dataset(List<double[]> rows) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("rings", f), f);
        for (double[] r : rows) {
            d.add(new ArrayExample<>(new Label(NAMES[(int) r[2]]), new String[] {"x", "y"}, new double[] {r[0], r[1]}));
        }
        return d;
    }

    static void writeCsv(Path file, List<double[]> rows) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("x,y,label");
            for (double[] r : rows) {
                w.println(r[0] + "," + r[1] + "," + NAMES[(int) r[2]]);
            }
        }
    }

    /** x, y, then each label's score in label-name order, every double in its shortest exact form. */
    static void writePredictions(Path file, TensileModel model, List<double[]> probe) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("x,y,inner,middle,outer");
            for (double[] p : probe) {
                Example<Label> e = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, new String[] {"x", "y"}, p);
                Prediction<Label> pr = model.predict(e);
                Map<String, Label> s = pr.getOutputScores();
                w.println(p[0] + "," + p[1] + "," + s.get("inner").getScore() + "," + s.get("middle").getScore()
                        + "," + s.get("outer").getScore());
            }
        }
    }
}
