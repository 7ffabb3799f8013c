package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.assertj.core.api.AbstractThrowableAssert;

import dev.tensile.testing.ModelFileEdits;
import dev.tensile.tribuo.TensileModel;

/** Every bad file is one ModelFileException naming the file and the problem; a failed save loses nothing. */
class ModelFileErrorsTest {
    @TempDir
    Path dir;
    Path good;

    @BeforeEach
    void saveAGoodModel() {
        good = dir.resolve("good.tensile");
        ModelFiles.save(Fixtures.trained(), good, Fixtures.REGISTRY);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> loading(Path file) {
        return assertThatThrownBy(() -> ModelFiles.load(file, Fixtures.REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": ")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    private Path edited(String name, UnaryOperator<String> json) throws IOException {
        Path out = dir.resolve(name);
        ModelFileEdits.rewrite(good, out, e -> e.put("model.json",
                json.apply(new String(e.get("model.json"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void aMissingFileAndAFolderAreNamed() {
        loading(dir.resolve("nope.tensile")).hasMessageEndingWith(": no such model file");
        loading(dir).hasMessageEndingWith(": is a folder, not a model file");
    }

    @Test
    void aTruncatedFileIsReportedAsSuch() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.tensile");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        loading(cut).hasMessageContaining("not a readable zip archive (truncated or damaged?)");
    }

    @Test
    void aFlippedWeightBitFailsTheChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path damaged = dir.resolve("flipped.tensile");
        // The last weights entry's data sits just before SHA256SUMS's local header; flip a byte well inside it.
        int at = indexOf(bytes, "layer4.bias.npy".getBytes(StandardCharsets.US_ASCII)) - 100;
        bytes[at] ^= 0x10;
        Files.write(damaged, bytes);
        loading(damaged).hasMessageContaining("is damaged: its SHA-256 does not match SHA256SUMS");
    }

    @Test
    void aNewerFormatVersionAsksForANewerTensile() throws IOException {
        loading(edited("v5.tensile", j -> j.replace("\"formatVersion\" : 3", "\"formatVersion\" : 5")))
                .hasMessageEndingWith("written in model format version 5 by a newer Tensile; this one reads up to version 4"
                        + " (upgrade Tensile to load it)");
    }

    @Test
    void aPluginThatIsNotInstalledIsNamed() throws IOException {
        loading(edited("plugin.tensile", j -> j.replace("\"relu\"", "\"relux\"")))
                .hasMessageContaining("the model needs a plugin this installation cannot provide: layer 1: unknown activation 'relux'; did you mean 'relu'?");
    }

    @Test
    void anUnknownFieldOrWrongTypeInModelJsonIsNamed() throws IOException {
        loading(edited("field.tensile", j -> j.replace("\"kind\" : \"model\",", "\"kind\" : \"model\", \"evil\" : 1,")))
                .hasMessageContaining("model.json is not a valid model description: Unrecognized field \"evil\"");
        loading(edited("type.tensile", j -> j.replace("\"input\" : [ 2 ]", "\"input\" : [ \"2\" ]")))
                .hasMessageContaining("model.json is not a valid model description: Cannot coerce String value (\"2\")");
        loading(edited("fraction.tensile", j -> j.replace("\"input\" : [ 2 ]", "\"input\" : [ 2.5 ]")))
                .hasMessageContaining("model.json is not a valid model description: Cannot coerce Floating-point value (2.5)");
    }

    @Test
    void classNamesInTheFileAreNeverInstantiated() throws IOException {
        Path marker = dir.resolve("pwned");
        String gadget = "{ \"@class\" : \"java.lang.ProcessBuilder\", \"command\" : [ \"touch\", \"" + marker + "\" ] }";
        // Where the format holds arbitrary JSON (the reserved checkpoint object) it stays a JSON tree.
        TensileModel m = ModelFiles.load(edited("tree.tensile", j -> j.replace("\"kind\" : \"model\",",
                "\"kind\" : \"model\", \"checkpoint\" : " + gadget + ",")), Fixtures.REGISTRY);
        assertThat(m.spec()).isEqualTo(Fixtures.SPEC);
        // Where it holds plugin parameters, only numbers, booleans and strings pass.
        loading(edited("param.tensile", j -> j.replace("\"rate\" : 0.1", "\"rate\" : " + gadget)))
                .hasMessageEndingWith("model.layers[1] parameter 'rate' must be a number, boolean or string");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aHugeLayerIsRefusedBeforeAnythingIsAllocated() throws IOException {
        // 16M x 16M weights would be 2^50 bytes: the size check must stop it before the network is built.
        loading(edited("huge.tensile", j -> j.replace("\"units\" : 16\n", "\"units\" : 16777216\n")))
                .hasMessageEndingWith("array 1 in model.json is layer1.weights.npy [2, 16]; the model needs "
                        + "layer1.weights.npy [2, 16777216]");
        loading(edited("huge2.tensile", j -> j.replace("\"units\" : 16\n", "\"units\" : 16777216\n")
                .replace("\"shape\" : [ 2, 16 ]", "\"shape\" : [ 2, 16777216 ]")
                .replace("\"shape\" : [ 1, 16 ]", "\"shape\" : [ 1, 16777216 ]")
                .replace("\"shape\" : [ 16, 8 ]", "\"shape\" : [ 16777216, 8 ]")))
                .hasMessageContaining("is 256 bytes, which cannot hold a 2x16777216 float32 array");
    }

    @Test
    void aHostileNpyShapeIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path hostile = dir.resolve("shape.tensile");
        ModelFileEdits.rewrite(good, hostile, e -> {
            byte[] npy = e.get("layer1.weights.npy");
            String header = new String(npy, 10, ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).getShort(8),
                    StandardCharsets.US_ASCII);
            String evil = header.replace("(2, 16)", "(2147483648, 2147483648)");
            evil = evil.substring(0, header.length());   // keep the length: eat padding
            byte[] copy = npy.clone();
            System.arraycopy(evil.getBytes(StandardCharsets.US_ASCII), 0, copy, 10, header.length());
            e.put("layer1.weights.npy", copy);
        });
        loading(hostile).hasMessageEndingWith(
                "entry 'layer1.weights.npy' holds shape (2147483648, 2147483648); the model needs (2, 16)");
    }

    @Test
    void anEntryTheFormatDoesNotKnowIsRefused() throws IOException {
        Path extra = dir.resolve("extra.tensile");
        // Control characters in a name from the file (here a terminal escape) are shown escaped, never sent raw.
        ModelFileEdits.rewrite(good, extra, e -> e.put("payload\u001b[2J.class", new byte[] {(byte) 0xCA, (byte) 0xFE}));
        loading(extra).hasMessageEndingWith("unexpected entry 'payload\\u001b[2J.class' (written by a newer Tensile?)");
    }

    @Test
    void reservedCheckpointEntriesAreVerifiedButDoNotStopAModelLoad() throws IOException {
        Path withState = dir.resolve("state.tensile");
        ModelFileEdits.rewrite(good, withState, e -> {
            e.put("optimizer/layer1.weights.m.npy", Npy.encode(Fixtures.inputs(2, 1)));
            e.put("rng.json", "{\"seed\": 7}".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(ModelFiles.load(withState, Fixtures.REGISTRY).spec()).isEqualTo(Fixtures.SPEC);

        // A changed rng.json under the old SHA256SUMS: checkpoint entries are verified even by a model load.
        Path stale = dir.resolve("stale.tensile");
        ModelFileEdits.rewriteRaw(withState, stale, e -> e.put("rng.json", "{\"seed\": 8}".getBytes(StandardCharsets.UTF_8)));
        loading(stale).hasMessageEndingWith("entry 'rng.json' is damaged: its SHA-256 does not match SHA256SUMS");
    }

    @Test
    void savingIntoAFolderThatDoesNotExistSaysSo() {
        Path file = dir.resolve("no/such/folder/m.tensile");
        assertThatThrownBy(() -> ModelFiles.save(Fixtures.trained(), file, Fixtures.REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": cannot write the model file: the folder " + file.getParent() + " does not exist");
    }

    @Test
    void aFailedSaveLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        byte[] before = Files.readAllBytes(good);
        assertThatThrownBy(() -> ModelFiles.save(Fixtures.trained(), good, Fixtures.REGISTRY, failingAfter(2000)))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(good + ": cannot write the model file (disk full, simulated); any previous file there is unchanged");
        assertThat(Arrays.equals(Files.readAllBytes(good), before)).isTrue();
        assertThat(listing()).containsExactly(good);
        assertThat(ModelFiles.load(good, Fixtures.REGISTRY).spec()).isEqualTo(Fixtures.SPEC);
    }

    @Test
    void aFailedFirstSaveLeavesNothingBehind() throws IOException {
        Path fresh = dir.resolve("fresh.tensile");
        assertThatThrownBy(() -> ModelFiles.save(Fixtures.trained(), fresh, Fixtures.REGISTRY, failingAfter(10)))
                .isInstanceOf(ModelFileException.class);
        assertThat(listing()).containsExactly(good);
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A stream that accepts {@code limit} bytes and then fails as a full disk would. */
    static UnaryOperator<OutputStream> failingAfter(int limit) {
        return out -> new FilterOutputStream(out) {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > limit) {
                    throw new IOException("disk full, simulated");
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    /** The first occurrence (the local header comes before the central directory's copy of a name). */
    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
