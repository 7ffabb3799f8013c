package dev.tensile.io;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.provenance.impl.EmptyDatasetProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.testing.Specs;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;
import dev.tensile.train.History;
import dev.tensile.train.TrainPlan;
import dev.tensile.tribuo.TensileModel;
import dev.tensile.tribuo.TensileTrainer;

/** A small trained model and data for it (to craft edited copies of its files: {@link dev.tensile.testing.ModelFileEdits}). */
final class Fixtures {
    static final PluginRegistry REGISTRY = PluginRegistry.discover();
    static final NetworkBuilder BUILDER = new NetworkBuilder(REGISTRY, GemmProvider.get());

    /** input 2, dense 16 relu (he-normal by default), dropout 0.1, dense 8 tanh (xavier-uniform), softmax 3. */
    static final ModelSpec SPEC = new ModelSpec(2, List.of(
            Specs.dense(16, PluginRef.of("relu"), null),
            Specs.dropout(0.1),
            Specs.dense(8, PluginRef.of("tanh"), PluginRef.of("xavier-uniform"))),
            Specs.dense(3, PluginRef.of("softmax"), null), "cross-entropy");

    private static TensileModel trained;

    private Fixtures() {
    }

    /** Three rings around the origin; labels named so that sorted order and id order differ. */
    static MutableDataset<Label> rings(int n, long seed) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("rings", f), f);
        String[] names = {"outer", "inner", "middle"};
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            double r = 0.3 * c + 0.1 + 0.1 * rng.nextDouble();
            double a = rng.uniform(0, 2 * Math.PI);
            d.add(new ArrayExample<>(new Label(names[c]), new String[] {"x", "y"},
                    new double[] {r * Math.cos(a), r * Math.sin(a)}));
        }
        return d;
    }

    /** Trained once per test run (a few epochs: the point is real weights, history and provenance). */
    static synchronized TensileModel trained() {
        if (trained == null) {
            TrainPlan plan = new TrainPlan(4, 16, 7, new PluginRef("adam", Map.of("lr", 0.01)),
                    List.of(), List.of(), List.of(), List.of());
            trained = new TensileTrainer(SPEC, plan, REGISTRY, BUILDER).fit(rings(300, 1), rings(60, 2), Map.of());
        }
        return trained;
    }

    /**
     * A model whose file is the same bytes on every run (on one machine): seeded weights, no training, a fixed
     * training time and no history, so a fuzz case that fails can be found again.
     */
    static TensileModel fixed() {
        Map<Label, Integer> ids = new HashMap<>();
        ids.put(new Label("outer"), 0);
        ids.put(new Label("inner"), 1);
        ids.put(new Label("middle"), 2);
        ModelProvenance p = new ModelProvenance(TensileModel.class.getName(), OffsetDateTime.parse("2026-01-01T00:00Z"),
                new EmptyDatasetProvenance(), new EmptyTrainerProvenance(), Map.of("seed", new LongProvenance("seed", 11)));
        return TensileModel.restore(p, new ColumnFeatureMap(List.of("x", "y")), new LabelFactory().constructInfoForExternalModel(ids),
                SPEC, BUILDER.build(SPEC, 11), BUILDER, History.of(List.of()));
    }

    /** {@link #fixed()} with a z-score scaling of made-up statistics (column y marked constant): a scaled file that never changes. */
    static TensileModel fixedScaled() {
        TensileModel m = fixed();
        return TensileModel.restore(m.getProvenance(), m.getFeatureIDMap(), m.getOutputIDInfo(), SPEC,
                new NetworkBuilder.Built(m.network(), m.summary()), BUILDER, m.history(),
                dev.tensile.data.Scaling.restore(dev.tensile.data.Scaling.Kind.Z_SCORE,
                        new double[][] {{0.1, 0.9}, null}, dev.tensile.data.FeatureLayout.named(List.of("x", "y"))));
    }

    static Matrix inputs(int n, long seed) {
        Rng rng = new Rng(seed);
        Matrix x = new Matrix(n, 2);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) rng.uniform(-1, 1);
        }
        return x;
    }
}
