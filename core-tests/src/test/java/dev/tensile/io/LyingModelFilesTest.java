package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.testing.ModelFileEdits;

/** Issue 20: model files whose contents lie (valid checksums, hostile values) are refused in one line. */
class LyingModelFilesTest {
    @TempDir
    Path dir;
    Path good;

    @BeforeEach
    void saveAGoodModel() {
        good = dir.resolve("good.tensile");
        ModelFiles.save(Fixtures.trained(), good, Fixtures.REGISTRY);
    }

    private static String firstWeights(Map<String, byte[]> entries) {
        return entries.keySet().stream().filter(n -> n.endsWith(".weights.npy")).findFirst().orElseThrow();
    }

    @Test
    void nanAndInfiniteWeightsAreRefusedNamingArrayAndIndexUnlessAsked() throws IOException {
        Path nan = dir.resolve("nan.tensile");
        String[] name = new String[1];
        ModelFileEdits.rewrite(good, nan, e -> {
            name[0] = firstWeights(e);
            byte[] b = e.get(name[0]);
            // the last float of the array: row rows-1, column cols-1
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(b.length - 4, Float.NaN);
        });
        assertThatThrownBy(() -> ModelFiles.load(nan, Fixtures.REGISTRY)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(nan + ": array '" + name[0] + "'")
                .hasMessageContaining("holds NaN at [")
                .hasMessageContaining("-Dtensile.allowNonFiniteWeights=true");
        Path inf = dir.resolve("inf.tensile");
        ModelFileEdits.rewrite(good, inf, e -> {
            byte[] b = e.get(firstWeights(e));
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(b.length - 8, Float.NEGATIVE_INFINITY);
        });
        assertThatThrownBy(() -> ModelFiles.load(inf, Fixtures.REGISTRY)).hasMessageContaining("holds -Infinity at [");
        System.setProperty("tensile.allowNonFiniteWeights", "true");
        try {
            assertThat(ModelFiles.load(nan, Fixtures.REGISTRY)).isNotNull();
        } finally {
            System.clearProperty("tensile.allowNonFiniteWeights");
        }
    }

    @Test
    void aNineteenDigitNpyDimensionIsSaidPlainly() throws IOException {
        Path big = dir.resolve("big-dim.tensile");
        ModelFileEdits.rewrite(good, big, e -> {
            String entry = firstWeights(e);
            String text = new String(e.get(entry), StandardCharsets.ISO_8859_1);
            int open = text.indexOf("'shape': (") + "'shape': (".length();
            int comma = text.indexOf(',', open);
            String dim = "9999999999999999999";
            int grow = dim.length() - (comma - open);
            // keep the header's length: take the extra characters out of its space padding
            int pad = text.indexOf(" \n");
            String edited = text.substring(0, open) + dim + text.substring(comma, pad - grow + 1) + text.substring(pad + 1);
            assertThat(edited.length()).isEqualTo(text.length());
            e.put(entry, edited.getBytes(StandardCharsets.ISO_8859_1));
        });
        assertThatThrownBy(() -> ModelFiles.load(big, Fixtures.REGISTRY)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("shape has a dimension that is not a number below 10^18")
                .hasMessageNotContaining("NumberFormatException").hasMessageNotContaining("unexpected");
    }

    /**
     * 900,000 tiny history records (11 MB of JSON, under the 16 MiB entry limit) used to take 1.65 GB to parse.
     * Run at -Xmx256m in a JVM of its own, as the issue found it, so an OutOfMemoryError cannot hit this one.
     */
    @Test
    void aModelJsonWithAMillionHistoryRecordsIsRefusedAtSmallHeap() throws Exception {
        Path bloated = dir.resolve("bloated.tensile");
        ObjectMapper mapper = new ObjectMapper();
        ModelFileEdits.rewrite(good, bloated, e -> {
            try {
                ObjectNode json = (ObjectNode) mapper.readTree(e.get("model.json"));
                ArrayNode history = json.putArray("history");
                for (int i = 0; i < 900_000; i++) {
                    history.addObject().put("epoch", 1);
                }
                e.put("model.json", mapper.writeValueAsBytes(json));
                assertThat(e.get("model.json").length).isBetween(10 << 20, 16 << 20);
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-cp", cp, LoadOnce.class.getName(), bloated.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("refused: " + bloated + ": model.json holds more values than a model description can")
                .doesNotContain("OutOfMemoryError");
    }

    /** Loads one model file in a JVM of its own and says how it went. */
    public static final class LoadOnce {
        public static void main(String[] args) {
            try {
                ModelFiles.load(Path.of(args[0]), dev.tensile.plugin.PluginRegistry.discover());
                System.out.println("loaded");
            } catch (ModelFileException e) {
                System.out.println("refused: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                System.out.println("OutOfMemoryError");
            }
        }
    }
}
