package dev.tensile.data;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;

import dev.tensile.tensor.Matrix;
import dev.tensile.train.LabeledData;

/**
 * Converts a Tribuo dataset to dense float32 matrices once, before training. Columns follow the feature ids of the
 * model's feature map (looked up by feature name), so every dataset lines up with the one the model was trained on;
 * a feature the model never saw is ignored, a missing one reads as zero (Tribuo leaves zeros out of sparse examples).
 */
public final class TribuoData {
    private TribuoData() {
    }

    public static LabeledData toMatrices(Dataset<Label> dataset, ImmutableFeatureMap features,
                                         ImmutableOutputInfo<Label> labels) {
        int n = dataset.size();
        int width = features.size();
        int classes = labels.size();
        Matrix x = new Matrix(n, width);
        Matrix y = new Matrix(n, classes);
        float[] xs = x.data();
        float[] ys = y.data();
        int row = 0;
        for (Example<Label> ex : dataset) {
            fillRow(ex, features, xs, row * width, row);
            int id = labels.getID(ex.getOutput());
            if (id < 0) {
                throw new DataException("example " + (row + 1) + " has label '" + ex.getOutput().getLabel()
                        + "', which the training data never had (labels: " + labelNames(labels) + ")");
            }
            ys[row * classes + id] = 1f;
            row++;
        }
        return new LabeledData(x, y);
    }

    /** One example's features into {@code out[offset .. offset + features.size())}. */
    public static void fillRow(Example<?> ex, ImmutableFeatureMap features, float[] out, int offset, int row) {
        for (Feature f : ex) {
            int id = features.getID(f.getName());
            if (id < 0) {
                continue;
            }
            double v = f.getValue();
            if (!Double.isFinite(v)) {
                throw new DataException("example " + (row + 1) + ", feature '" + f.getName() + "' is " + v);
            }
            out[offset + id] = (float) v;
        }
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
