package dev.tensile.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

import dev.tensile.tensor.Matrix;
import dev.tensile.train.LabeledData;

/**
 * Converts Tribuo datasets to dense float32 matrices once, before training or evaluation. Columns follow a
 * {@link FeatureLayout} (features by name), so every dataset lines up with the one the model was trained on; a
 * feature the layout lacks is ignored, a missing one reads as zero (Tribuo leaves zeros out of sparse examples).
 * Targets are one-hot rows for labels (columns in the output info's id order) and one column per dimension for
 * regressors.
 */
public final class TribuoData {
    private TribuoData() {
    }

    /** The inputs of {@code data} in {@code layout}'s columns, then scaled. */
    public static Matrix inputs(Dataset<?> data, FeatureLayout layout, Scaling scaling) {
        Matrix x = new Matrix(data.size(), layout.width());
        float[] xs = x.data();
        int row = 0;
        for (Example<?> ex : data) {
            layout.fill(ex, xs, row * layout.width(), row);
            row++;
        }
        scaling.apply(x);
        return x;
    }

    /** One-hot rows; a label the training data never had is an error that names it. */
    public static Matrix labelTargets(Dataset<Label> data, ImmutableOutputInfo<Label> labels) {
        int classes = labels.size();
        Matrix y = new Matrix(data.size(), classes);
        float[] ys = y.data();
        int row = 0;
        for (Example<Label> ex : data) {
            int id = labels.getID(ex.getOutput());
            if (id < 0) {
                throw new DataException("example " + (row + 1) + " has label '" + ex.getOutput().getLabel()
                        + "', which the training data never had (labels: " + labelNames(labels) + ")");
            }
            ys[row * classes + id] = 1f;
            row++;
        }
        return y;
    }

    /**
     * One column for two classes, as one sigmoid unit predicts them: 1 for the class with id 1, 0 for the other
     * (Keras's convention for {@code Dense(1, activation='sigmoid')} with binary cross-entropy).
     */
    public static Matrix binaryTargets(Dataset<Label> data, ImmutableOutputInfo<Label> labels) {
        Matrix onehot = labelTargets(data, labels);
        Matrix y = new Matrix(data.size(), 1);
        for (int r = 0; r < y.rows(); r++) {
            y.data()[r] = onehot.get(r, 1);
        }
        return y;
    }

    /** One column per regression dimension, in the output info's id order. */
    public static Matrix regressionTargets(Dataset<Regressor> data, ImmutableOutputInfo<Regressor> dims) {
        Map<String, Integer> column = dimensionColumns(dims);
        Matrix y = new Matrix(data.size(), dims.size());
        float[] ys = y.data();
        int row = 0;
        for (Example<Regressor> ex : data) {
            String[] names = ex.getOutput().getNames();
            double[] values = ex.getOutput().getValues();
            for (int i = 0; i < names.length; i++) {
                Integer c = column.get(names[i]);
                if (c == null) {
                    throw new DataException("example " + (row + 1) + " has output '" + names[i]
                            + "', which the training data never had (outputs: " + String.join(", ", column.keySet()) + ")");
                }
                if (!Double.isFinite(values[i])) {
                    throw new DataException("example " + (row + 1) + ", output '" + names[i] + "' is " + values[i]);
                }
                ys[row * dims.size() + c] = (float) values[i];
            }
            row++;
        }
        return y;
    }

    /** Regression dimension name to target column. */
    public static Map<String, Integer> dimensionColumns(ImmutableOutputInfo<Regressor> dims) {
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < dims.size(); i++) {
            column.put(dims.getOutput(i).getNames()[0], i);
        }
        return column;
    }

    /** Labels as the skeleton converted them: columns in the feature map's order, no scaling. */
    public static LabeledData toMatrices(Dataset<Label> dataset, ImmutableFeatureMap features,
                                         ImmutableOutputInfo<Label> labels) {
        FeatureLayout layout = FeatureLayout.named(names(features));
        return new LabeledData(inputs(dataset, layout, Scaling.none()), labelTargets(dataset, labels));
    }

    /** One example's features into {@code out[offset .. offset + features.size())}, by the feature map's ids. */
    public static void fillRow(Example<?> ex, ImmutableFeatureMap features, float[] out, int offset, int row) {
        FeatureLayout.named(names(features)).fill(ex, out, offset, row);
    }

    private static List<String> names(ImmutableFeatureMap features) {
        String[] n = new String[features.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = features.get(i).getName();
        }
        return List.of(n);
    }

    public static String labelNames(ImmutableOutputInfo<Label> labels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(labels.getOutput(i).getLabel());
        }
        return sb.toString();
    }
}
