package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, data and text: each data mistake Tribuo used to report without a file or line is one line naming file,
 * line and column; float32 overflow, a byte-order mark, a file of only the response, one class; control characters
 * from data never reach the terminal raw; nan-guard with nothing to go back to fails the run.
 */
class DataTextTest {
    @TempDir
    Path dir;

    private ScriptHarness.Result run(String name, String script) {
        return ScriptHarness.tensile("run", ScriptHarness.write(dir, name, script).toString());
    }

    private String error(String csvText, byte[] raw) throws IOException {
        Path f = dir.resolve("d.csv");
        if (raw != null) {
            Files.write(f, raw);
        } else {
            Files.writeString(f, csvText);
        }
        ScriptHarness.Result r = run("d.groovy", "data {\n  train csv('d.csv', response: 'label')\n}\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception");
        return r.err().strip().replace(f.toString(), "d.csv");
    }

    @Test
    void raggedRowsQuotedCommasAndLatin1BytesNameFileLineAndColumn() throws IOException {
        assertThat(error("x,y,label\n1,0,a\n1,0\n", null))
                .isEqualTo("d.groovy:2: d.csv:3: 2 cells, but the header has 3 columns (x, y, label)");
        assertThat(error("x,y,label\n1,0,a\n0,1,b,extra\n", null))
                .isEqualTo("d.groovy:2: d.csv:3: 4 cells, but the header has 3 columns (x, y, label)");
        assertThat(error("x,y,label\n1,0,a\n\"1,5\",2,b\n", null))
                .isEqualTo("d.groovy:2: d.csv:3: column 'x' is '1,5', not a number (a decimal comma? write 1.5)");
        byte[] latin1 = "x,y,label\n1,0,a\n0,1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(error(null, latin1))
                .isEqualTo("d.groovy:2: d.csv:3:8: byte 0xE9 is not UTF-8 text (a file saved as Latin-1 or Windows-1252?"
                        + " save it as UTF-8)");
    }

    @Test
    void aValueBeyondFloat32IsRefusedWhereItIs() throws IOException {
        assertThat(error("x,y,label\n1,0,a\n0,1e39,b\n", null)).isEqualTo("d.groovy:2: d.csv:3: column 'y' is 1e39,"
                + " beyond the range of float32 (about 3.4e38) that training computes in");
    }

    @Test
    void onlyAResponseColumnIsOneLine() throws IOException {
        assertThat(error("label\na\nb\n", null))
                .isEqualTo("d.groovy:2: d.csv: the only column is the response 'label'; a model needs at least one feature column");
    }

    @Test
    void aByteOrderMarkBeforeTheResponseColumnIsIgnored() throws IOException {
        Files.write(dir.resolve("bom.csv"), ("\uFEFFlabel,x,y\n" + "a,0,0\nb,1,1\na,0,1\nb,1,0\n".repeat(10))
                .getBytes(StandardCharsets.UTF_8));
        ScriptHarness.Result r = run("bom.groovy", """
                data { train csv('bom.csv', response: 'label') }
                model { input 2; dense 4, activation: 'relu'; output 2 }
                train { epochs 1 }
                """);
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("data: 40 train").contains("2 features, 2 classes");
    }

    @Test
    void oneClassIsRefused() throws IOException {
        Files.writeString(dir.resolve("one.csv"), "x,y,label\n" + "0,0,a\n1,1,a\n".repeat(10));
        ScriptHarness.Result r = run("one.groovy", """
                data { train csv('one.csv', response: 'label') }
                model { input 2; dense 4, activation: 'relu'; output 1 }
                train { epochs 1 }
                """);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("one.groovy:3: the training data has only one class (a): there is nothing"
                + " to tell apart; check the response column, or the split");
    }

    @Test
    void controlCharactersFromDataAreEscapedInEverythingPrinted() throws IOException {
        String evil = "\u001b]0;pwned\u0007\u001b[2Jred";
        Files.writeString(dir.resolve("evil.csv"), "x,y,label\n" + ("0,0," + evil + "\n1,1,blue\n").repeat(10));
        ScriptHarness.Result r = run("evil.groovy", """
                data { train csv('evil.csv', response: 'label') }
                model { input 2; dense 4, activation: 'relu'; output 2 }
                train { epochs 2 }
                evaluate()
                println predict([x: 0, y: 0])
                """);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007")
                // (Tribuo trims a label's leading control characters itself)
                .contains("]0;pwned\\u0007\\u001b[2Jred");
        // and in error messages: a response column name with an escape in it
        Files.writeString(dir.resolve("evil2.csv"), "x,y,lab\u001b[2Jel\n0,0,a\n");
        ScriptHarness.Result e = run("evil2.groovy", "data { train csv('evil2.csv', response: 'label') }\n");
        assertThat(e.err()).doesNotContain("\u001b").contains("lab\\u001b[2Jel");
    }

    @Test
    void libsvmDuplicateIndicesAndFeaturelessLinesAreNamed() throws IOException {
        Path svm = Files.writeString(dir.resolve("d.svm"), "1 1:0.5 2:1\n0 3:1 3:2\n");
        ScriptHarness.Result r = run("svm.groovy", "data { train libsvm('d.svm') }\n");
        assertThat(r.err().strip()).isEqualTo("svm.groovy:1: " + svm + ":2:7: feature index 3 appears twice on the line");
        Files.writeString(svm, "1 1:0.5 2:1\n0\n");
        ScriptHarness.Result bare = run("svm.groovy", "data { train libsvm('d.svm') }\n");
        assertThat(bare.err().strip()).isEqualTo("svm.groovy:1: " + svm + ":2: the line has a label but no index:value"
                + " features (Tribuo cannot read an example without any)");
    }

    @Test
    void nanGuardWithANanInTheFirstEpochSaysSoAndFailsTheRun() throws IOException {
        // inputs of 1e18 and lr 10: the first step is finite, the second overflows float32
        Files.writeString(dir.resolve("big.csv"), "x,y,label\n" + "1e18,-1e18,a\n-1e18,1e18,b\n".repeat(20));
        ScriptHarness.Result r = run("nan.groovy", """
                data { train csv('big.csv', response: 'label') }
                model { input 2; dense 8, activation: 'relu'; output 2 }
                train { optimizer 'sgd', lr: 10; batch 4; epochs 3; callback 'nan-guard' }
                println 'the script went on'
                """);
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).as(r.err()).contains("nan-guard: no epoch ended with a finite loss, so there are no good"
                + " weights to restore; the run failed").doesNotContain("restored the weights")
                .doesNotContain("the script went on");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("nan.groovy:3: ");
    }
}
