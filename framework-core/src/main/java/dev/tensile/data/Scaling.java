package dev.tensile.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;

import org.tribuo.protos.core.LinearScalingTransformerProto;
import org.tribuo.protos.core.MeanStdDevTransformerProto;
import org.tribuo.protos.core.TransformerProto;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.transform.TransformStatistics;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.TransformerMap;
import org.tribuo.transform.transformations.LinearScalingTransformation;
import org.tribuo.transform.transformations.MeanStdDevTransformation;
import org.tribuo.transform.transformations.SimpleTransform;

import dev.tensile.plugin.Suggestions;
import dev.tensile.tensor.Matrix;

/**
 * Feature scaling with Tribuo's transformations, fitted on the TRAINING matrix only and then applied to every
 * matrix the model sees (training, dev, test, predictions). Fitting observes every value of each dense column,
 * zeros included, so the zeros Tribuo leaves out of sparse examples count (Tribuo's own
 * {@code Dataset.createTransformers} skips them by default). A column that is constant in the training data
 * carries nothing the network could learn: it becomes 0 for every input (Tribuo's z-score would divide by a zero
 * deviation and give NaN; its min-max would give 0.5). Min-max, as Tribuo implements it, clamps values outside the
 * training range to [0, 1].
 */
public final class Scaling implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The scalings a script can name. */
    public enum Kind {
        NONE("none"), MIN_MAX("min-max"), Z_SCORE("z-score");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Tribuo's transformation: min-max to [0, 1], or z-score to mean 0 and deviation 1; null for none. */
        public Transformation transformation() {
            return switch (this) {
                case NONE -> null;
                case MIN_MAX -> new LinearScalingTransformation(0, 1);
                case Z_SCORE -> new MeanStdDevTransformation(0, 1);
            };
        }

        /** Every scaling's name, as scripts write it. */
        public static List<String> labels() {
            List<String> names = new ArrayList<>();
            for (Kind k : values()) {
                names.add(k.label);
            }
            return names;
        }

        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.label.equals(name)) {
                    return k;
                }
            }
            List<String> names = labels();
            throw new DataException("unknown scaling '" + name + "'"
                    + Suggestions.closest(name, names).map(s -> "; did you mean '" + s + "'?").orElse("")
                    + " (scalings: " + String.join(", ", names) + ")");
        }
    }

    private final Kind kind;
    private final Transformer[] columns;
    private final TransformerMap transformers;

    private Scaling(Kind kind, Transformer[] columns, TransformerMap transformers) {
        this.kind = kind;
        this.columns = columns;
        this.transformers = transformers;
    }

    public static Scaling none() {
        return new Scaling(Kind.NONE, null, null);
    }

    /** Fits {@code kind} on the columns of the training inputs; {@code layout} names the columns. */
    public static Scaling fit(Kind kind, Matrix train, FeatureLayout layout, DatasetProvenance trainProvenance) {
        if (kind == Kind.NONE) {
            return none();
        }
        int rows = train.rows();
        int cols = train.cols();
        float[] x = train.data();
        Transformer[] out = new Transformer[cols];
        Map<String, List<Transformer>> byName = new LinkedHashMap<>();
        for (int c = 0; c < cols; c++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                float v = x[r * cols + c];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            Transformer t;
            if (!(max > min)) {
                t = SimpleTransform.mul(0);
            } else {
                TransformStatistics stats = kind.transformation().createStats();
                for (int r = 0; r < rows; r++) {
                    stats.observeValue(x[r * cols + c]);
                }
                t = stats.generateTransformer();
            }
            out[c] = t;
            byName.put(layout.name(c), List.of(t));
        }
        TransformationMap config = new TransformationMap(List.of(kind.transformation()));
        return new Scaling(kind, out, new TransformerMap(byName, trainProvenance, config.getProvenance()));
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The fitted statistics of each column, exactly as Tribuo's transformers hold them: {@code {min, max}} for
     * min-max, {@code {mean, stdDev}} for z-score, and null for a column that was constant in training (it maps to
     * 0). Null when there is no scaling. {@link #restore} rebuilds an identical scaling from them.
     */
    public double[][] statistics() {
        if (columns == null) {
            return null;
        }
        double[][] out = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            out[c] = statistics(columns[c]);
        }
        return out;
    }

    private double[] statistics(Transformer t) {
        if (t instanceof SimpleTransform) {
            return null; // the constant-column convention: multiply by 0
        }
        TransformerProto proto = t.serialize();
        try {
            if (kind == Kind.MIN_MAX) {
                LinearScalingTransformerProto p = proto.getSerializedData().unpack(LinearScalingTransformerProto.class);
                return new double[] {p.getObservedMin(), p.getObservedMax()};
            }
            MeanStdDevTransformerProto p = proto.getSerializedData().unpack(MeanStdDevTransformerProto.class);
            return new double[] {p.getObservedMean(), p.getObservedStdDev()};
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Tribuo's " + kind.label() + " transformer did not describe itself", e);
        }
    }

    /**
     * The scaling {@link #statistics()} describes, with transformers identical to the fitted ones (so it scales
     * every value to the same float). {@code layout} names the columns. Statistics must be finite, with min <= max
     * and stdDev > 0 (null for a constant column); otherwise an {@link IllegalArgumentException} names the column.
     */
    public static Scaling restore(Kind kind, double[][] statistics, FeatureLayout layout) {
        if (kind == Kind.NONE) {
            return none();
        }
        if (statistics.length != layout.width()) {
            throw new IllegalArgumentException("the scaling has " + statistics.length + " columns, the input "
                    + layout.width());
        }
        // A fitted transformer of this kind serves as the template: Tribuo's class name and version come from it.
        TransformStatistics sample = kind.transformation().createStats();
        sample.observeValue(0);
        sample.observeValue(1);
        TransformerProto template = sample.generateTransformer().serialize();
        Transformer[] out = new Transformer[statistics.length];
        Map<String, List<Transformer>> byName = new LinkedHashMap<>();
        for (int c = 0; c < statistics.length; c++) {
            double[] s = statistics[c];
            Transformer t;
            if (s == null) {
                t = SimpleTransform.mul(0);
            } else {
                if (s.length != 2 || !Double.isFinite(s[0]) || !Double.isFinite(s[1])) {
                    throw new IllegalArgumentException("column " + c + " needs two finite statistics");
                }
                Any data;
                if (kind == Kind.MIN_MAX) {
                    if (!(s[0] <= s[1])) {
                        throw new IllegalArgumentException("column " + c + " has min " + s[0] + " above max " + s[1]);
                    }
                    data = Any.pack(LinearScalingTransformerProto.newBuilder().setObservedMin(s[0]).setObservedMax(s[1])
                            .setTargetMin(0).setTargetMax(1).build());
                } else {
                    if (!(s[1] > 0)) {
                        throw new IllegalArgumentException("column " + c + " has stdDev " + s[1]
                                + "; it must be positive (a constant column is marked zero instead)");
                    }
                    data = Any.pack(MeanStdDevTransformerProto.newBuilder().setObservedMean(s[0]).setObservedStdDev(s[1])
                            .setTargetMean(0).setTargetStdDev(1).build());
                }
                t = Transformer.deserialize(template.toBuilder().setSerializedData(data).build());
            }
            out[c] = t;
            byName.put(layout.name(c), List.of(t));
        }
        TransformationMap config = new TransformationMap(List.of(kind.transformation()));
        return new Scaling(kind, out, new TransformerMap(byName, null, config.getProvenance()));
    }

    /** Tribuo's record of what was fitted, by feature name; null when there is no scaling. */
    public TransformerMap transformers() {
        return transformers;
    }

    /** Scales every row of {@code x} in place. */
    public void apply(Matrix x) {
        if (columns == null) {
            return;
        }
        if (x.cols() != columns.length) {
            throw new IllegalArgumentException("the scaling was fitted on " + columns.length + " columns, got " + x.cols());
        }
        float[] d = x.data();
        int cols = columns.length;
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                d[r * cols + c] = (float) columns[c].transform(d[r * cols + c]);
            }
        }
    }

    @Override
    public String toString() {
        return kind.label();
    }
}
