package dev.tensile.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableInfo;

/**
 * Which matrix column each feature goes to, by feature NAME. Tribuo numbers features in sorted name order and leaves
 * zero values out of sparse examples (IDX images, LibSVM rows), so a pixel that is never lit in the training data
 * would not exist in its feature map, and "10" would come before "2". Two layouts avoid both:
 * <ul>
 * <li>{@link #indexed(int)}: every feature name is a column number ("0" .. "783" for a 28x28 IDX image, the
 * 0-based index of a LibSVM feature): pixel i is column i, and the width is the model's declared input, whatever
 * the training data happened to light up;</li>
 * <li>{@link #named(List)}: an explicit list of names (a CSV header in file order), column i is name i.</li>
 * </ul>
 * {@link #forTraining} picks one from the training data and the declared width.
 */
public final class FeatureLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final int padding;                     // indexed names have this many digits ("007"); 0: plain ("7")
    private final List<String> names;              // null for an indexed layout
    private final Map<String, Integer> columns;    // null for an indexed layout

    private FeatureLayout(int width, int padding, List<String> names) {
        this.width = width;
        this.padding = padding;
        this.names = names == null ? null : List.copyOf(names);
        if (names == null) {
            this.columns = null;
        } else {
            this.columns = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (columns.put(names.get(i), i) != null) {
                    throw new DataException("feature '" + names.get(i) + "' appears twice");
                }
            }
        }
    }

    /** Feature "i" is column i, for i in [0, width). */
    public static FeatureLayout indexed(int width) {
        return indexed(width, 0);
    }

    /** Feature "i" is column i; column i is named with {@code padding} digits (Tribuo's IDX names: "000".."783"). */
    public static FeatureLayout indexed(int width, int padding) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        return new FeatureLayout(width, padding, null);
    }

    /** Feature {@code names.get(i)} is column i. */
    public static FeatureLayout named(List<String> names) {
        return new FeatureLayout(names.size(), 0, names);
    }

    /**
     * The layout of a model with {@code width} inputs whose feature map is {@code map} (as a model file restores
     * it): indexed when every name is a column number, else the names in the map's id order, which must number
     * {@code width}.
     */
    public static FeatureLayout forModel(ImmutableFeatureMap map, int width) {
        if (map.size() > 0 && allIndices(map)) {
            return indexed(width, padding(map));
        }
        if (map.size() != width) {
            throw new DataException("the model's input is " + width + " features but its feature map has " + map.size());
        }
        List<String> names = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            names.add(map.get(i).getName());
        }
        return named(names);
    }

    /**
     * A Tribuo feature map with one feature per column, in column order: the training map's statistics for the
     * features it has, zeros for the columns the training data never had (an IDX pixel never lit). The model's
     * feature map is this one, so it lists exactly the declared inputs.
     */
    public ImmutableFeatureMap featureMap(ImmutableFeatureMap trained) {
        return new LayoutFeatureMap(this, trained);
    }

    private static int padding(ImmutableFeatureMap map) {
        for (VariableInfo info : map) {
            String n = info.getName();
            if (n.length() > 1 && n.charAt(0) == '0') {
                return n.length();
            }
        }
        return 0;
    }

    /**
     * The layout for a model with {@code declaredWidth} inputs trained on {@code train}: indexed when every feature
     * name is a column number (IDX, LibSVM, a CSV with numbered columns), else the training data's feature names in
     * Tribuo's order, which must then number exactly {@code declaredWidth}.
     *
     * @throws DataException naming the feature or the counts that do not fit
     */
    public static FeatureLayout forTraining(Dataset<?> train, int declaredWidth) {
        ImmutableFeatureMap map = train.getFeatureIDMap();
        if (map.size() > 0 && allIndices(map)) {
            FeatureLayout layout = indexed(declaredWidth, padding(map));
            java.util.BitSet seen = new java.util.BitSet();
            for (VariableInfo info : map) {
                int col = index(info.getName());
                if (col < declaredWidth && seen.get(col)) {
                    throw new DataException("two features of the training data are column " + col + " (one is '"
                            + info.getName() + "')");
                }
                seen.set(Math.min(col, declaredWidth));
                if (col >= declaredWidth) {
                    throw new DataException("the training data has feature '" + info.getName() + "' (column " + (col + 1)
                            + ") but the model's input is " + declaredWidth + " features");
                }
            }
            return layout;
        }
        if (map.size() != declaredWidth) {
            throw new DataException("the model's input is " + declaredWidth + " features but the training data has "
                    + map.size());
        }
        List<String> names = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            names.add(map.get(i).getName());
        }
        return named(names);
    }

    public int width() {
        return width;
    }

    public boolean isIndexed() {
        return names == null;
    }

    /** The column of a feature, or -1 when the model has no such input. */
    public int column(String name) {
        if (names != null) {
            Integer c = columns.get(name);
            return c == null ? -1 : c;
        }
        int i = index(name);
        return i < width ? i : -1;
    }

    public String name(int column) {
        if (names != null) {
            return names.get(column);
        }
        String n = Integer.toString(column);
        return n.length() >= padding ? n : "0".repeat(padding - n.length()) + n;
    }

    /**
     * Checks that a data set fits this layout before it is evaluated or converted: every feature it has must be a
     * column, and a named layout's data (a CSV) must have every column.
     *
     * @param what how messages call the data, e.g. "the test set"
     */
    public void check(Dataset<?> data, String what) {
        ImmutableFeatureMap map = data.getFeatureIDMap();
        List<String> unknown = new ArrayList<>();
        for (VariableInfo info : map) {
            if (column(info.getName()) < 0) {
                unknown.add(info.getName());
            }
        }
        if (!unknown.isEmpty()) {
            throw new DataException(isIndexed()
                    ? what + " has feature '" + unknown.get(0) + "', beyond the model's input of " + width + " features"
                    : what + " has features the model was not trained on: " + String.join(", ", head(unknown))
                    + " (the model's inputs: " + describe() + ")");
        }
        if (!isIndexed() && map.size() != width) {
            List<String> missing = new ArrayList<>();
            for (String n : names) {
                if (map.get(n) == null) {
                    missing.add(n);
                }
            }
            throw new DataException(what + " has " + map.size() + " features but the model's input is " + width
                    + "; missing: " + String.join(", ", head(missing)));
        }
    }

    /** One example's features into {@code out[offset .. offset + width)}; features the model lacks are skipped. */
    public void fill(Example<?> ex, float[] out, int offset, int row) {
        for (Feature f : ex) {
            int col = column(f.getName());
            if (col < 0) {
                continue;
            }
            double v = f.getValue();
            if (!Double.isFinite(v)) {
                throw new DataException("example " + (row + 1) + ", feature '" + f.getName() + "' is " + v);
            }
            out[offset + col] = (float) v;
        }
    }

    public String describe() {
        return isIndexed() ? width + " numbered features" : String.join(", ", head(names));
    }

    private static List<String> head(List<String> xs) {
        if (xs.size() <= 8) {
            return xs;
        }
        List<String> h = new ArrayList<>(xs.subList(0, 8));
        h.add("... (" + (xs.size() - 8) + " more)");
        return h;
    }

    private static boolean allIndices(ImmutableFeatureMap map) {
        for (VariableInfo info : map) {
            if (index(info.getName()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The column number a name spells ("0", "17", "017": Tribuo pads IDX pixel names to equal width), or -1. */
    static int index(String name) {
        int n = name.length();
        if (n == 0 || n > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public String toString() {
        return isIndexed() ? "indexed(" + width + ")" : "named" + names;
    }
}
