package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyDatasetProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.spi.Shape;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.testing.Specs;
import dev.tensile.train.History;
import dev.tensile.tribuo.TensileModel;

/**
 * A conv kernel is stored as the 4-D array (kh, kw, in, out) in the file and in model.json; files that stored it as
 * the 2-D (kh·kw·in, out) matrix (written before 4-D arrays) still load; a kernel of the wrong shape is refused by name.
 */
class ConvModelFilesTest {
    /** input 4x5x2, conv 3 filters 3x3 'same' (+ bias), flatten, softmax 2: kernel (3, 3, 2, 3). */
    private static final ModelSpec SPEC = new ModelSpec(Shape.of(4, 5, 2), List.of(
            new LayerSpec(new PluginRef("conv2d", Map.of("filters", 3, "kernel", 3, "padding", "same")),
                    PluginRef.of("relu"), null),
            LayerSpec.of(new PluginRef("flatten", Map.of()))),
            Specs.dense(2, PluginRef.of("softmax"), null), "cross-entropy");
    private static final String KERNEL = "layer1.kernel.npy";

    @TempDir
    Path dir;

    /** Seeded weights, no training: the arrays are what is under test. */
    private static TensileModel model() {
        Map<Label, Integer> ids = new HashMap<>();
        ids.put(new Label("a"), 0);
        ids.put(new Label("b"), 1);
        List<String> features = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            features.add(String.format("p%02d", i));
        }
        ModelProvenance p = new ModelProvenance(TensileModel.class.getName(), OffsetDateTime.parse("2026-01-01T00:00Z"),
                new EmptyDatasetProvenance(), new EmptyTrainerProvenance(), Map.of("seed", new LongProvenance("seed", 5)));
        return TensileModel.restore(p, new ColumnFeatureMap(features), new LabelFactory().constructInfoForExternalModel(ids),
                SPEC, Fixtures.BUILDER.build(SPEC, 5), Fixtures.BUILDER, History.of(List.of()));
    }

    private static Parameter kernel(TensileModel m) {
        return m.network().arrays().stream().filter(p -> p.name().endsWith(".kernel")).findFirst().orElseThrow();
    }

    /** The header dict of a .npy entry, read by hand (the test does not trust the reader it tests). */
    private static String headerText(byte[] npy) {
        int len = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        return new String(npy, 10, len, StandardCharsets.US_ASCII);
    }

    @Test
    void theKernelIsStoredAsA4dArrayKhKwInOut() throws IOException {
        TensileModel m = model();
        Path file = dir.resolve("conv.tensile");
        ModelFiles.save(m, file, Fixtures.REGISTRY);
        Map<String, byte[]> entries = ModelFileEdits.entries(file);

        byte[] npy = entries.get(KERNEL);
        String header = headerText(npy);
        assertThat(header).contains("'shape': (3, 3, 2, 3)").contains("'descr': '<f4'").contains("'fortran_order': False");
        assertThat(headerText(entries.get("layer1.bias.npy"))).contains("'shape': (1, 3)");
        // the values are the kernel row-major as (kh, kw, in, out): value [y][x][i][o] at ((y * 3 + x) * 2 + i) * 3 + o
        float[] k = kernel(m).value().data();
        ByteBuffer values = ByteBuffer.wrap(npy, 10 + header.length(), 4 * k.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : k) {
            assertThat(Float.floatToRawIntBits(values.getFloat())).isEqualTo(Float.floatToRawIntBits(v));
        }
        assertThat(npy.length).isEqualTo(10 + header.length() + 4 * k.length);

        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(entries.get(ModelFiles.MANIFEST));
        assertThat(json.get("arrays").get(0).get("entry").asText()).isEqualTo(KERNEL);
        assertThat(json.get("arrays").get(0).get("shape").toString()).isEqualTo("[3,3,2,3]");
        assertThat(json.get("formatVersion").asInt()).as("the first version with 4-D arrays").isEqualTo(5);

        TensileModel back = ModelFiles.load(file, Fixtures.BUILDER);
        assertThat(kernel(back).value().data()).containsExactly(k);
    }

    @Test
    void aFileWithTheKernelAsA2dMatrixStillLoads() throws IOException {
        TensileModel m = model();
        Path file = dir.resolve("new.tensile");
        ModelFiles.save(m, file, Fixtures.REGISTRY);
        Path old = ModelFileEdits.rewrite(file, dir.resolve("old.tensile"), e -> {
            e.put(KERNEL, Npy.encode(kernel(m).value()));   // (18, 3), as files of version 3 and 4 held it
            e.put(ModelFiles.MANIFEST, withVersion(withKernelShape(e.get(ModelFiles.MANIFEST), 18, 3), 3));
        });
        assertThat(headerText(ModelFileEdits.entries(old).get(KERNEL))).contains("'shape': (18, 3)");
        TensileModel back = ModelFiles.load(old, Fixtures.BUILDER);
        for (int i = 0; i < m.network().arrays().size(); i++) {
            assertThat(back.network().arrays().get(i).value().data()).containsExactly(m.network().arrays().get(i).value().data());
        }
    }

    @Test
    void aKernelOfAnotherShapeIsRefusedNamingTheEntryAndBothShapes() throws IOException {
        TensileModel m = model();
        Path file = dir.resolve("conv.tensile");
        ModelFiles.save(m, file, Fixtures.REGISTRY);
        // the same number of values, in and out swapped: (3, 3, 3, 2)
        byte[] swapped = Npy.encode(kernel(m).value());
        byte[] header = Npy.header(Npy.Shape.of(3, 3, 3, 2), Npy.F4);
        byte[] npy = new byte[header.length + 4 * kernel(m).value().size()];
        System.arraycopy(header, 0, npy, 0, header.length);
        System.arraycopy(swapped, swapped.length - (npy.length - header.length), npy, header.length, npy.length - header.length);
        Path bad = ModelFileEdits.rewrite(file, dir.resolve("bad.tensile"), e -> e.put(KERNEL, npy));
        assertThatThrownBy(() -> ModelFiles.load(bad, Fixtures.BUILDER)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(KERNEL).hasMessageContaining("(3, 3, 3, 2)").hasMessageContaining("(3, 3, 2, 3)");

        Path badJson = ModelFileEdits.rewrite(file, dir.resolve("badjson.tensile"),
                e -> e.put(ModelFiles.MANIFEST, withKernelShape(e.get(ModelFiles.MANIFEST), 3, 3, 3, 2)));
        assertThatThrownBy(() -> ModelFiles.load(badJson, Fixtures.BUILDER)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(KERNEL).hasMessageContaining("[3, 3, 3, 2]").hasMessageContaining("[3, 3, 2, 3]");

        Path oldVersion = ModelFileEdits.rewrite(file, dir.resolve("v4.tensile"),
                e -> e.put(ModelFiles.MANIFEST, withVersion(e.get(ModelFiles.MANIFEST), 4)));
        assertThatThrownBy(() -> ModelFiles.load(oldVersion, Fixtures.BUILDER)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("array " + KERNEL + " has 4 dimensions, which format version 4 does not have");
    }

    private static byte[] withVersion(byte[] manifest, int version) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode json = (ObjectNode) mapper.readTree(manifest);
            json.put("formatVersion", version);
            return mapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void numpyLoadsTheKernelAs4dAndTheDocumentedTransposeIsPyTorchsLayout() throws Exception {
        String python = numpyPython();
        Assumptions.assumeTrue(python != null, "no python3 with numpy here");
        TensileModel m = model();
        Path file = dir.resolve("conv.tensile");
        ModelFiles.save(m, file, Fixtures.REGISTRY);
        // PyTorch's weight (out, in, kh, kw) = k.transpose(3, 2, 0, 1): weight[o, i, y, x] == k[y, x, i, o]
        Path script = Files.writeString(dir.resolve("k.py"), String.join("\n",
                "import sys, numpy as np",
                "k = np.load(sys.argv[1])['layer1.kernel']",
                "w = k.transpose(3, 2, 0, 1)",
                "print(k.dtype.str, k.shape, w.shape, float(w[2, 1, 0, 2]), float(k[0, 2, 1, 2]))", ""));
        Process p = new ProcessBuilder(python, script.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        float expected = kernel(m).value().data()[((0 * 3 + 2) * 2 + 1) * 3 + 2];
        assertThat(out).startsWith("<f4 (3, 3, 2, 3) (3, 2, 3, 3) " + (double) expected + " " + (double) expected);
    }

    private static byte[] withKernelShape(byte[] manifest, int... dims) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode json = (ObjectNode) mapper.readTree(manifest);
            ArrayNode shape = ((ObjectNode) json.get("arrays").get(0)).putArray("shape");
            for (int d : dims) {
                shape.add(d);
            }
            return mapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A python3 that has numpy (Debian's /usr/bin/python3 first), or null. */
    private static String numpyPython() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }
}
