package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.io.ModelFiles;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tribuo.NetworkModel;

/**
 * The same script run twice gives the same {@code model.json}, byte for byte, and the same Tribuo provenance but for
 * the clock's readings (Tribuo's own date-time fields: when the model was trained, when the data source was made),
 * which are the only fields that differ. The plugins a model file lists and those its provenance names come from one
 * walk, regularizer, augmentation and callbacks included.
 */
class ReproducibleProvenanceTest {
    private static final String CSV = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private String script() {
        return """
                data { train csv('%s', response: 'arm'); dev 0.2; scale 'z-score' }
                model { input 2; dense 16, activation: 'tanh'; dropout 0.1; output 3 }
                train {
                    optimizer 'adam', lr: 0.02
                    regularizer 'l2', lambda: 1e-4
                    augment 'gaussian-noise', std: 0.01
                    callback 'early-stopping', patience: 5
                    onEpochEnd { epoch, log -> }
                    epochs 4
                    seed 11
                }
                save 'model.tensile'
                new File('%s').withObjectOutputStream { it.writeObject(trainedModel()) }
                """.formatted(CSV, dir.resolve("model.ser").toString().replace("\\", "\\\\"));
    }

    /** Runs the script, then moves what it wrote aside under {@code name}. */
    private void run(Path script, String name) throws IOException {
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        Files.move(dir.resolve("model.tensile"), dir.resolve(name + ".tensile"));
        Files.move(dir.resolve("model.ser"), dir.resolve(name + ".ser"));
    }

    private static byte[] entry(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private NetworkModel<?> deserialised(String name) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(dir.resolve(name + ".ser")))) {
            return (NetworkModel<?>) in.readObject();
        }
    }

    /** Every primitive of a provenance by its path. */
    private static void flatten(String path, Provenance p, Map<String, String> out) {
        if (p instanceof PrimitiveProvenance<?> pp) {
            out.put(path, String.valueOf(pp.getValue()));
        } else if (p instanceof ObjectProvenance op) {
            out.put(path + "@class", op.getClassName());
            for (Pair<String, Provenance> e : op) {
                flatten(path + "/" + e.getA(), e.getB(), out);
            }
        } else if (p instanceof MapProvenance<?> mp) {
            for (Pair<String, ? extends Provenance> e : mp) {
                flatten(path + "/" + e.getA(), e.getB(), out);
            }
        } else if (p instanceof ListProvenance<?> lp) {
            for (int i = 0; i < lp.getList().size(); i++) {
                flatten(path + "[" + i + "]", lp.getList().get(i), out);
            }
        } else {
            out.put(path, String.valueOf(p));
        }
    }

    @Test
    void theSameScriptTwiceGivesTheSameModelJsonAndProvenanceButForTheClock() throws Exception {
        Path script = ScriptHarness.write(dir, "fit.groovy", script());
        run(script, "first");
        run(script, "second");

        byte[] first = entry(dir.resolve("first.tensile"), "model.json");
        assertThat(entry(dir.resolve("second.tensile"), "model.json")).isEqualTo(first);
        for (String array : List.of("layer1.weights.npy", "layer1.bias.npy", "layer3.weights.npy", "layer3.bias.npy")) {
            assertThat(entry(dir.resolve("second.tensile"), array)).as(array)
                    .isEqualTo(entry(dir.resolve("first.tensile"), array));
        }
        String json = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContainPattern("@[0-9a-f]{6,}").doesNotContain("trainedAt", "\"seconds\"")
                .contains("listeners=2"); // the closure and the session's own listener, counted

        ModelProvenance a = deserialised("first").getProvenance();
        ModelProvenance b = deserialised("second").getProvenance();
        Map<String, String> fa = new LinkedHashMap<>();
        Map<String, String> fb = new LinkedHashMap<>();
        flatten("model", a, fa);
        flatten("model", b, fb);
        assertThat(fb.keySet()).isEqualTo(fa.keySet());
        // the fields that differ are the clock's readings in Tribuo's own date-time fields, and nothing else: when the
        // model was trained, when the CSV data source was made (the CSV file's modification time is the same)
        List<String> differ = fa.keySet().stream().filter(k -> !fa.get(k).equals(fb.get(k)))
                .map(k -> k.substring(k.lastIndexOf('/') + 1)).sorted().toList();
        assertThat(differ).containsExactly("datasource-creation-time", "trained-at");
        assertThat(fa.toString()).doesNotContainPattern("\\$\\d+@[0-9a-f]+");

        // one walk: the file lists every plugin, and the provenance names the same ones in the same order
        JsonNode prov = new ObjectMapper().readTree(first).get("provenance");
        List<String> listed = new ArrayList<>();
        prov.get("plugins").forEach(p -> listed.add(p.get("kind").asText() + " " + p.get("name").asText()));
        assertThat(listed).containsExactly("layer dense", "activation tanh", "initializer xavier-uniform",
                "layer dropout", "activation softmax", "regularizer l2", "augmentation gaussian-noise",
                "callback progress", "callback early-stopping");
        String named = fa.get("model/trainer/plugins");
        assertThat(named).isEqualTo(String.join(", ", listed) + ", loss cross-entropy, optimizer adam");
    }

    @Test
    void theClockReadingsComeBackFromTimingJsonWhenTheFileIsLoaded() throws Exception {
        Path script = ScriptHarness.write(dir, "fit.groovy", script());
        run(script, "only");
        NetworkModel<?> trained = deserialised("only");
        NetworkModel<?> loaded = ModelFiles.loadAny(dir.resolve("only.tensile"),
                new NetworkBuilder(PluginRegistry.discover(), GemmProvider.get()));
        assertThat(loaded.getProvenance().getTrainingTime()).isEqualTo(trained.getProvenance().getTrainingTime());
        assertThat(loaded.history().epochs()).isEqualTo(trained.history().epochs());
        assertThat(loaded.pluginUses()).isEqualTo(trained.pluginUses());
        JsonNode timing = new ObjectMapper().readTree(entry(dir.resolve("only.tensile"), "timing.json"));
        assertThat(timing.get("epochSeconds")).hasSize(trained.history().epochs().size());
    }
}
