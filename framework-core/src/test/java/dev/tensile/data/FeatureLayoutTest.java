package dev.tensile.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.tensile.tensor.Matrix;

/** Features go to columns by name: pixel i to column i, whatever Tribuo's feature map holds. */
class FeatureLayoutTest {
    @TempDir
    Path dir;

    @Test
    void idxPixelIIsColumnIAndNeverLitPixelsStillExist() {
        // 3 x 4 images: pixels 0, 3 and 11 are never lit; Tribuo names pixel 2 "02".
        int[][] pixels = new int[2][12];
        pixels[0][1] = 7;
        pixels[0][10] = 200;
        pixels[1][2] = 9;
        Source<Label> s = Sources.idx(IdxFiles.images(dir.resolve("i"), 3, 4, pixels, true),
                IdxFiles.labels(dir.resolve("l"), new int[] {0, 1}, true), new LabelFactory());
        Dataset<Label> data = new MutableDataset<>(s.data());
        assertThat(data.getFeatureIDMap().size()).isEqualTo(3);
        FeatureLayout layout = FeatureLayout.forTraining(data, 12);
        assertThat(layout.isIndexed()).isTrue();
        assertThat(layout.width()).isEqualTo(12);
        Matrix x = TribuoData.inputs(data, layout, Scaling.none());
        assertThat(x.rows()).isEqualTo(2);
        assertThat(x.cols()).isEqualTo(12);
        float[] expected0 = new float[12];
        expected0[1] = 7;
        expected0[10] = 200;
        assertThat(java.util.Arrays.copyOfRange(x.data(), 0, 12)).containsExactly(expected0);
        assertThat(x.get(1, 2)).isEqualTo(9f);
    }

    @Test
    void theModelsFeatureMapListsEveryDeclaredInputInColumnOrder() {
        int[][] pixels = new int[2][12];
        pixels[0][1] = 7;
        pixels[0][10] = 200;
        pixels[1][2] = 9;
        Source<Label> s = Sources.idx(IdxFiles.images(dir.resolve("i"), 3, 4, pixels, false),
                IdxFiles.labels(dir.resolve("l"), new int[] {0, 1}, false), new LabelFactory());
        Dataset<Label> data = new MutableDataset<>(s.data());
        FeatureLayout layout = FeatureLayout.forTraining(data, 12);
        org.tribuo.ImmutableFeatureMap map = layout.featureMap(data.getFeatureIDMap());
        assertThat(map.size()).isEqualTo(12);
        for (int c = 0; c < 12; c++) {
            // Tribuo's own names, zero-padded: "00" .. "11"
            assertThat(map.get(c).getName()).isEqualTo(String.format("%02d", c));
            assertThat(map.getID(String.format("%02d", c))).isEqualTo(c);
        }
        assertThat(map.get("10").getCount()).isEqualTo(1);   // statistics kept where the training data had them
        assertThat(map.get("03").getCount()).isZero();       // never lit
        // A model file keeps the names; the layout read back is the same.
        FeatureLayout back = FeatureLayout.forModel(map, 12);
        assertThat(back.isIndexed()).isTrue();
        assertThat(back.column("10")).isEqualTo(10);
        assertThat(back.name(3)).isEqualTo("03");
    }

    @Test
    void aPixelBeyondTheDeclaredWidthIsAnError() {
        int[][] pixels = {{0, 0, 0, 5}};
        Source<Label> s = Sources.idx(IdxFiles.images(dir.resolve("i"), 2, 2, pixels, false),
                IdxFiles.labels(dir.resolve("l"), new int[] {0}, false), new LabelFactory());
        assertThatThrownBy(() -> FeatureLayout.forTraining(new MutableDataset<>(s.data()), 3))
                .isInstanceOf(DataException.class)
                .hasMessage("the training data has feature '3' (column 4) but the model's input is 3 features");
    }

    @Test
    void namedFeaturesMustNumberExactlyTheDeclaredWidth() {
        Dataset<Label> data = dataset(List.of("x", "y"));
        FeatureLayout layout = FeatureLayout.forTraining(data, 2);
        assertThat(layout.isIndexed()).isFalse();
        assertThat(layout.column("x")).isZero();
        assertThat(layout.column("y")).isEqualTo(1);
        assertThat(layout.column("z")).isEqualTo(-1);
        assertThatThrownBy(() -> FeatureLayout.forTraining(data, 5))
                .hasMessage("the model's input is 5 features but the training data has 2");
    }

    @Test
    void evaluationDataWithOtherFeaturesIsNamed() {
        FeatureLayout layout = FeatureLayout.forTraining(dataset(List.of("x", "y")), 2);
        layout.check(dataset(List.of("x", "y")), "the test set");
        assertThatThrownBy(() -> layout.check(dataset(List.of("x", "z")), "the test set"))
                .isInstanceOf(DataException.class)
                .hasMessage("the test set has features the model was not trained on: z (the model's inputs: x, y)");
        assertThatThrownBy(() -> layout.check(dataset(List.of("x")), "the test set"))
                .hasMessage("the test set has 1 features but the model's input is 2; missing: y");
        assertThatThrownBy(() -> FeatureLayout.indexed(4).check(dataset(List.of("0", "4")), "the dev set"))
                .hasMessage("the dev set has feature '4', beyond the model's input of 4 features");
    }

    @Test
    void onlyDecimalNamesAreColumnNumbers() {
        assertThat(FeatureLayout.index("0")).isZero();
        assertThat(FeatureLayout.index("783")).isEqualTo(783);
        assertThat(FeatureLayout.index("007")).isEqualTo(7);
        assertThat(FeatureLayout.index("-1")).isEqualTo(-1);
        assertThat(FeatureLayout.index("x1")).isEqualTo(-1);
        assertThat(FeatureLayout.index("")).isEqualTo(-1);
    }

    static Dataset<Label> dataset(List<String> names) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("test", f), f);
        double[] ones = new double[names.size()];
        java.util.Arrays.fill(ones, 1);
        d.add(new ArrayExample<>(new Label("a"), names.toArray(new String[0]), ones));
        return d;
    }
}
