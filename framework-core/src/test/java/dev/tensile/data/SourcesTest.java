package dev.tensile.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/** Each Tribuo source loads what it should, and each kind of bad input is one message naming where. */
class SourcesTest {
    @TempDir
    Path dir;

    private static final int[][] PIXELS = {
        {0, 255, 10, 0},
        {0, 0, 20, 0},
        {0, 1, 2, 0},
    };

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void idxGivesRawValuesAndLeavesZerosOut(boolean gzip) {
        Path img = IdxFiles.images(dir.resolve("img"), 2, 2, PIXELS, gzip);
        Path lab = IdxFiles.labels(dir.resolve("lab"), new int[] {1, 0, 1}, gzip);
        Source<Label> s = Sources.idx(img, lab, new LabelFactory());
        assertThat(s.width()).isEqualTo(4);
        List<Example<Label>> rows = new ArrayList<>();
        s.data().forEach(rows::add);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getOutput().getLabel()).isEqualTo("1");
        assertThat(features(rows.get(0))).containsExactly("1=255.0", "2=10.0");
        assertThat(features(rows.get(1))).containsExactly("2=20.0");
        // Pixels 0 and 3 are never lit: Tribuo's feature map does not know them.
        assertThat(new MutableDataset<>(s.data()).getFeatureMap().size()).isEqualTo(2);
    }

    @Test
    void idxCountsAndShapesMustAgree() {
        Path img = IdxFiles.images(dir.resolve("img"), 2, 2, PIXELS, false);
        Path two = IdxFiles.labels(dir.resolve("two"), new int[] {1, 0}, true);
        assertThatThrownBy(() -> Sources.idx(img, two, new LabelFactory()))
                .isInstanceOf(DataException.class).hasMessage(img + " has 3 images but " + two + " has 2 labels");
        Path lab = IdxFiles.labels(dir.resolve("lab"), new int[] {1, 0, 1}, false);
        assertThatThrownBy(() -> Sources.idx(lab, img, new LabelFactory()))
                .hasMessageContaining("were the images and labels swapped?");
        assertThatThrownBy(() -> Sources.idx(img, dir.resolve("nope"), new LabelFactory()))
                .hasMessage("data file not found: " + dir.resolve("nope"));
    }

    @Test
    void notAnIdxFileIsSaidSo() throws IOException {
        Path img = IdxFiles.images(dir.resolve("img"), 2, 2, PIXELS, false);
        Path text = Files.writeString(dir.resolve("labels.txt"), "1\n0\n1\n");
        assertThatThrownBy(() -> Sources.idx(img, text, new LabelFactory()))
                .isInstanceOf(DataException.class).hasMessageStartingWith(text + ": not an IDX file");
    }

    @Test
    void csvKeepsEveryColumnAndChecksTheResponseName() throws IOException {
        Path csv = Files.writeString(dir.resolve("a.csv"), "x,y,label\n1,0,a\n0,0,b\n");
        Source<Label> s = Sources.csv(csv, "label", new LabelFactory());
        assertThat(s.width()).isEqualTo(2);
        assertThat(new MutableDataset<>(s.data()).size()).isEqualTo(2);
        assertThatThrownBy(() -> Sources.csv(csv, "lable", new LabelFactory()))
                .isInstanceOf(DataException.class)
                .hasMessage(csv + ": no column 'lable'; did you mean 'label'? (columns: x, y, label)");
    }

    @Test
    void aNonNumericCellNamesFileLineAndColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("b.csv"), "x,y,label\n1,0,a\n0,abc,b\n");
        assertThatThrownBy(() -> Sources.csv(csv, "label", new LabelFactory()))
                .isInstanceOf(DataException.class).hasMessage(csv + ":3: column 'y' is 'abc', not a number");
    }

    @Test
    void anEmptyCellIsNamedToo() throws IOException {
        Path csv = Files.writeString(dir.resolve("e.csv"), "x,y,label\n1,0,a\n1,0,a\n,2,b\n");
        assertThatThrownBy(() -> Sources.csv(csv, "label", new LabelFactory()))
                .hasMessageStartingWith(csv + ":4: ");
    }

    @Test
    void nanAndInfinityAreNamedByLineAndColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("n.csv"), "x,y,label\n1,0,a\n0,NaN,b\n");
        assertThatThrownBy(() -> Sources.csv(csv, "label", new LabelFactory()))
                .hasMessage(csv + ":3: column 'y' is NaN");
        Path inf = Files.writeString(dir.resolve("i.csv"), "x,y,label\nInfinity,0,a\n");
        assertThatThrownBy(() -> Sources.csv(inf, "label", new LabelFactory()))
                .hasMessage(inf + ":2: column 'x' is Infinity");
    }

    @Test
    void csvForRegressionUsesTheResponseAsTheDimension() throws IOException {
        Path csv = Files.writeString(dir.resolve("r.csv"), "x,y\n1,2.5\n2,4.5\n");
        Source<Regressor> s = Sources.csv(csv, "y", new RegressionFactory());
        Example<Regressor> first = s.data().iterator().next();
        assertThat(first.getOutput().getNames()).containsExactly("y");
        assertThat(first.getOutput().getValues()).containsExactly(2.5);
    }

    @Test
    void libsvmLoadsWithZeroBasedNames() throws IOException {
        Path f = Files.writeString(dir.resolve("s.libsvm"), "1 1:0.5 3:2\n0 2:1\n");
        Source<Label> s = Sources.libsvm(f, new LabelFactory());
        List<Example<Label>> rows = new ArrayList<>();
        s.data().forEach(rows::add);
        assertThat(features(rows.get(0))).containsExactly("0=0.5", "2=2.0");
        assertThat(features(rows.get(1))).containsExactly("1=1.0");
    }

    @Test
    void aMalformedLibsvmLineIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.libsvm"), "1 1:0.5\n0 2:x\n");
        assertThatThrownBy(() -> Sources.libsvm(f, new LabelFactory()))
                .isInstanceOf(DataException.class).hasMessage(f + ":2:3: '2:x' is not index:value");
        Path nan = Files.writeString(dir.resolve("nan.libsvm"), "1 1:NaN\n");
        assertThatThrownBy(() -> Sources.libsvm(nan, new LabelFactory())).hasMessage(nan + ":1:3: feature 1 is NaN");
    }

    @Test
    void examplesInMemoryAreCheckedLikeAFile() {
        Example<Label> ok = new org.tribuo.impl.ArrayExample<>(new Label("a"), new String[] {"x"}, new double[] {1});
        Example<Label> bad = new org.tribuo.impl.ArrayExample<>(new Label("b"), new String[] {"x"}, new double[] {Double.NaN});
        assertThat(Sources.inMemory(List.of(ok), new LabelFactory(), "mine").data()).hasSize(1);
        assertThatThrownBy(() -> Sources.inMemory(List.of(ok, bad), new LabelFactory(), "mine"))
                .hasMessage("mine: example 2, feature 'x' is NaN");
    }

    private static List<String> features(Example<?> ex) {
        List<String> out = new ArrayList<>();
        for (Feature f : ex) {
            out.add(f.getName() + "=" + f.getValue());
        }
        return out;
    }
}
