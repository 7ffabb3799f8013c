package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 8: mistakes in a CSV file that used to pass silently (duplicate column names merged, an empty label
 * made a class "", a ';'-separated file reported only as a missing column) are one line naming the file (and line),
 * from {@code tensile run}; {@code separator:} reads such files.
 */
class CsvMistakesTest {
    @TempDir
    Path dir;

    private String error(String script) {
        Path file = ScriptHarness.write(dir, "s.groovy", script);
        ScriptHarness.Result r = ScriptHarness.tensile("run", file.toString());
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        return r.err().strip();
    }

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String train(String file, String options) {
        return "data {\n  train csv('" + file + "', response: 'label'" + options + ")\n}\n";
    }

    @Test
    void aColumnNamedTwiceIsNamedWithItsColumns() throws IOException {
        Path f = csv("dup.csv", "x,y,x,label\n0,0,1,a\n1,1,0,b\n");
        assertThat(error(train("dup.csv", ""))).isEqualTo("s.groovy:2: " + f + ": the header names a column more than"
                + " once: 'x' (columns 1 and 3); give each column a name of its own");
    }

    @Test
    void everyNameGivenMoreThanOnceIsInTheOneLine() throws IOException {
        Path f = csv("dups.csv", "x,y,x,y,x,label\n0,0,1,1,0,a\n");
        assertThat(error(train("dups.csv", ""))).isEqualTo("s.groovy:2: " + f + ": the header names columns more than"
                + " once: 'x' (columns 1, 3 and 5), 'y' (columns 2 and 4); give each column a name of its own");
    }

    @Test
    void anEmptyLabelCellIsNamedByFileAndLine() throws IOException {
        Path f = csv("empty.csv", "x,y,label\n0,0,a\n1,1,\n0,1,b\n");
        assertThat(error(train("empty.csv", ""))).isEqualTo("s.groovy:2: " + f + ":3: the response column 'label' is"
                + " empty (every row needs its label or target)");
    }

    @Test
    void anEmptyRegressionTargetIsNamedToo() throws IOException {
        Path f = csv("empty-y.csv", "x,label\n0,1.5\n1,\n");
        assertThat(error(train("empty-y.csv", ", task: 'regression'"))).isEqualTo("s.groovy:2: " + f + ":3: the"
                + " response column 'label' is empty (every row needs its label or target)");
    }

    @Test
    void aSemicolonFileReadWithCommasHintsAtTheSeparator() throws IOException {
        Path f = csv("semi.csv", "x;y;label\n0;0;a\n1;1;b\n");
        assertThat(error(train("semi.csv", ""))).isEqualTo("s.groovy:2: " + f + ": no column 'label' with ',' between"
                + " columns, but the header has ';' between names (x, y, label): give csv(..., separator: ';')");
    }

    @Test
    void aTabFileHintsAtTheTabSeparator() throws IOException {
        Path f = csv("tab.tsv", "x\ty\tlabel\n0\t0\ta\n");
        assertThat(error(train("tab.tsv", ""))).isEqualTo("s.groovy:2: " + f + ": no column 'label' with ',' between"
                + " columns, but the header has '\\t' between names (x, y, label): give csv(..., separator: '\\t')");
    }

    @Test
    void separatorReadsSemicolonAndTabFilesWithTheirErrorsStillNamed() throws IOException {
        String rows = "0;0;a\n1;1;b\n0;1;a\n1;0;b\n".repeat(5);
        csv("semi.csv", "x;y;label\n" + rows);
        csv("tab.tsv", "x\ty\tlabel\n" + rows.replace(';', '\t'));
        String model = "model { input 2; dense 4, activation: 'relu'; output 2 }\ntrain { epochs 2 }\nevaluate()\n";
        for (String source : new String[] {"csv('semi.csv', response: 'label', separator: ';')",
                "csv('tab.tsv', response: 'label', separator: '\\t')"}) {
            Path script = ScriptHarness.write(dir, "ok.groovy", "data { train " + source + " }\n" + model);
            ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).contains("data: 20 train, no dev, no test examples; 2 features, 2 classes")
                    .contains("Accuracy");
        }
        // a decimal comma in a ';' file is the usual reason for one: the cell is named, with the fix
        Path bad = csv("comma.csv", "x;y;label\n0;1,5;a\n");
        assertThat(error(train("comma.csv", ", separator: ';'"))).isEqualTo("s.groovy:2: " + bad + ":2: column 'y' is"
                + " '1,5', not a number (a decimal comma? write 1.5)");
    }

    @Test
    void aSeparatorMustBeOneCharacter() throws IOException {
        csv("semi.csv", "x;y;label\n0;0;a\n");
        assertThat(error(train("semi.csv", ", separator: ';;'")))
                .isEqualTo("s.groovy:2: csv('semi.csv') separator must be one character such as ';' or '\\t', got ';;'");
        assertThat(error(train("semi.csv", ", seperator: ';'")))
                .isEqualTo("s.groovy:2: csv has no option 'seperator'; did you mean 'separator'? (options: response, task,"
                        + " shape, separator)");
    }
}
