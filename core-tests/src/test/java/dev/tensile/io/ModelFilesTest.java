package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

import dev.tensile.Version;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.Parameter;
import dev.tensile.tensor.Matrix;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.tribuo.TensileModel;

/** Save, load, and what the file looks like inside. */
class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void aLoadedModelPredictsBitForBitWhatTheSavedOneDid() {
        TensileModel model = Fixtures.trained();
        Path file = dir.resolve("rings.tensile");
        ModelFiles.save(model, file, Fixtures.REGISTRY);
        TensileModel loaded = ModelFiles.load(file, Fixtures.REGISTRY);

        List<Parameter> a = model.network().parameters();
        List<Parameter> b = loaded.network().parameters();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(bits(b.get(i).value())).as(a.get(i).name()).containsExactly(bits(a.get(i).value()));
        }
        Matrix x = Fixtures.inputs(500, 3);
        assertThat(bits(loaded.network().predict(x))).containsExactly(bits(model.network().predict(x)));

        // Through Tribuo too: same label ids, same feature columns, same scores.
        MutableDataset<Label> test = Fixtures.rings(90, 9);
        List<Prediction<Label>> p = model.predict(test);
        List<Prediction<Label>> q = loaded.predict(test);
        for (int i = 0; i < p.size(); i++) {
            assertThat(q.get(i).getOutput().getLabel()).isEqualTo(p.get(i).getOutput().getLabel());
            for (Map.Entry<String, Label> s : p.get(i).getOutputScores().entrySet()) {
                assertThat(Double.doubleToRawLongBits(q.get(i).getOutputScores().get(s.getKey()).getScore()))
                        .isEqualTo(Double.doubleToRawLongBits(s.getValue().getScore()));
            }
        }
        assertThat(loaded.spec()).isEqualTo(model.spec());
        assertThat(loaded.history().epochs()).isEqualTo(model.history().epochs());
        for (int i = 0; i < 3; i++) {
            assertThat(loaded.getOutputIDInfo().getOutput(i)).isEqualTo(model.getOutputIDInfo().getOutput(i));
        }
        assertThat(loaded.getFeatureIDMap().getID("x")).isEqualTo(model.getFeatureIDMap().getID("x"));
        assertThat(loaded.getFeatureIDMap().getID("y")).isEqualTo(model.getFeatureIDMap().getID("y"));
    }

    @Test
    void theSameModelAlwaysGivesTheSameBytesEvenAfterALoad() throws IOException {
        Path first = dir.resolve("a.tensile");
        Path second = dir.resolve("b.tensile");
        Path third = dir.resolve("c.tensile");
        ModelFiles.save(Fixtures.trained(), first, Fixtures.REGISTRY);
        ModelFiles.save(Fixtures.trained(), second, Fixtures.REGISTRY);
        ModelFiles.save(ModelFiles.load(first, Fixtures.REGISTRY), third, Fixtures.REGISTRY);
        String json = new String(ModelFileEdits.entries(first).get("model.json"), StandardCharsets.UTF_8);
        assertThat(new String(ModelFileEdits.entries(second).get("model.json"), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(new String(ModelFileEdits.entries(third).get("model.json"), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(Arrays.equals(Files.readAllBytes(second), Files.readAllBytes(first))).isTrue();
        assertThat(Arrays.equals(Files.readAllBytes(third), Files.readAllBytes(first))).isTrue();
    }

    @Test
    void theArchiveIsAnNpzWithAlignedNpyVersion1Headers() throws IOException {
        TensileModel model = Fixtures.trained();
        Path file = dir.resolve("layout.tensile");
        ModelFiles.save(model, file, Fixtures.REGISTRY);
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
            assertThat(zip.stream()).allMatch(e -> e.getMethod() == ZipEntry.STORED);
        }
        assertThat(names).containsExactly("model.json", "layer1.weights.npy", "layer1.bias.npy",
                "layer3.weights.npy", "layer3.bias.npy", "layer4.weights.npy", "layer4.bias.npy", "SHA256SUMS");

        Map<String, byte[]> entries = ModelFileEdits.entries(file);
        int[][] shapes = {{2, 16}, {1, 16}, {16, 8}, {1, 8}, {8, 3}, {1, 3}};
        List<Parameter> params = model.network().parameters();
        for (int i = 0; i < shapes.length; i++) {
            byte[] npy = entries.get(names.get(i + 1));
            ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(npy, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
            assertThat(npy[0] & 0xff).isEqualTo(0x93);
            assertThat(npy[6]).isEqualTo((byte) 1);
            assertThat(npy[7]).isEqualTo((byte) 0);
            int headerLength = b.getShort(8) & 0xffff;
            assertThat((10 + headerLength) % 64).isZero();
            String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
            assertThat(header).isEqualTo(String.format("{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }",
                    shapes[i][0], shapes[i][1]) + " ".repeat(headerLength - header.strip().length() - 1) + "\n");
            assertThat(npy.length - 10 - headerLength).isEqualTo(4 * shapes[i][0] * shapes[i][1]);
            float[] values = params.get(i).value().data();
            for (int j = 0; j < values.length; j++) {
                assertThat(Float.floatToRawIntBits(b.getFloat(10 + headerLength + 4 * j)))
                        .isEqualTo(Float.floatToRawIntBits(values[j]));
            }
        }
        // SHA256SUMS lists every other entry in `sha256sum -c` format.
        String sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        for (String n : names.subList(0, names.size() - 1)) {
            expected.add(Sha256Sums.hex(entries.get(n)) + "  " + n);
        }
        assertThat(sums.lines()).containsExactlyElementsOf(expected);
    }

    @Test
    void modelJsonHoldsSpecNamesHistoryAndProvenance() throws IOException {
        TensileModel model = Fixtures.trained();
        Path file = dir.resolve("json.tensile");
        ModelFiles.save(model, file, Fixtures.REGISTRY);
        JsonNode json = new ObjectMapper().readTree(ModelFileEdits.entries(file).get("model.json"));
        assertThat(json.get("format").asText()).isEqualTo("tensile-model");
        assertThat(json.get("formatVersion").asInt()).isEqualTo(3);
        assertThat(json.get("model").get("input").toString()).isEqualTo("[2]");
        assertThat(json.get("model").get("layers").get(0).get("layer").asText()).isEqualTo("dense");
        assertThat(json.get("model").get("layers").get(0).get("params").get("units").asInt()).isEqualTo(16);
        assertThat(json.get("model").get("layers").get(1).get("layer").asText()).isEqualTo("dropout");
        assertThat(json.get("model").get("layers").get(1).get("params").get("rate").asDouble()).isEqualTo(0.1);
        assertThat(json.get("model").get("output").get("activation").get("name").asText()).isEqualTo("softmax");
        List<String> labels = new ArrayList<>();
        json.get("labels").forEach(n -> labels.add(n.asText()));
        for (int i = 0; i < 3; i++) {
            assertThat(labels.get(i)).isEqualTo(model.getOutputIDInfo().getOutput(i).getLabel());
        }
        assertThat(json.get("features").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(json.get("history")).hasSize(4);
        assertThat(json.get("history").get(3).get("trainLoss").asDouble()).isEqualTo(model.history().last().trainLoss());
        JsonNode prov = json.get("provenance");
        assertThat(prov.get("seed").asLong()).isEqualTo(7);
        assertThat(prov.get("tensileVersion").asText()).isEqualTo(Version.get());
        assertThat(prov.get("kernel").asText()).isEqualTo(GemmProvider.get().name());
        assertThat(prov.get("java").asText()).contains(System.getProperty("java.runtime.version"));
        assertThat(prov.get("os").asText()).startsWith(System.getProperty("os.name"));
        List<String> plugins = new ArrayList<>();
        prov.get("plugins").forEach(p -> plugins.add(p.get("kind").asText() + ":" + p.get("name").asText()
                + "@" + p.get("version").asText()));
        assertThat(plugins).contains("activation:relu@" + Fixtures.REGISTRY.entry(dev.tensile.spi.PluginKind.ACTIVATION, "relu").version(),
                "initializer:he-normal@" + Fixtures.REGISTRY.entry(dev.tensile.spi.PluginKind.INITIALIZER, "he-normal").version());
        assertThat(plugins).anyMatch(s -> s.startsWith("layer:dropout@")).anyMatch(s -> s.startsWith("layer:dense@"))
                .anyMatch(s -> s.startsWith("initializer:xavier-uniform@")).anyMatch(s -> s.startsWith("activation:softmax@"));
    }

    @Test
    void aFeatureColumnOrderThatIsNotSortedIsKept() throws IOException {
        // Another tool may list features in any order: the columns must follow the file, not Tribuo's sorting.
        Path file = dir.resolve("m.tensile");
        Path swapped = dir.resolve("swapped.tensile");
        ModelFiles.save(Fixtures.trained(), file, Fixtures.REGISTRY);
        ModelFileEdits.rewrite(file, swapped, e -> e.put("model.json", new String(e.get("model.json"), StandardCharsets.UTF_8)
                .replace("\"x\", \"y\"", "\"y\", \"x\"").getBytes(StandardCharsets.UTF_8)));
        TensileModel m = ModelFiles.load(swapped, Fixtures.REGISTRY);
        assertThat(m.getFeatureIDMap().getID("y")).isEqualTo(0);
        assertThat(m.getFeatureIDMap().getID("x")).isEqualTo(1);
        Example<Label> ex = Fixtures.rings(1, 5).getExample(0);
        // Swapping the columns swaps what the first-layer weights multiply, so the scores change.
        double swappedScore = m.predict(ex).getOutputScores().get("inner").getScore();
        double originalScore = Fixtures.trained().predict(ex).getOutputScores().get("inner").getScore();
        assertThat(swappedScore).isNotEqualTo(originalScore);
    }

    static int[] bits(Matrix m) {
        int[] out = new int[m.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.floatToRawIntBits(m.data()[i]);
        }
        return out;
    }
}
