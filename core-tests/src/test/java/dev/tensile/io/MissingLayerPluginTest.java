package dev.tensile.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.nn.PluginRef;
import dev.tensile.testing.ModelFileEdits;
import dev.tensile.tribuo.TensileModel;

/**
 * A version 3 file that names a layer plugin this installation does not have is refused before anything is built,
 * in the one line docs/model-format.md promises: the plugin, the jar and version the file was saved with (when its
 * provenance says), and where to put that jar.
 */
class MissingLayerPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHERE = ": put the jar that provides it in a plugin folder"
            + " (--plugins DIR, TENSILE_PLUGINS or ~/.tensile/plugins)";

    @TempDir
    Path dir;

    /** A saved model whose first layer is renamed 'scale', crafted with valid checksums; {@code more} edits the rest. */
    private Path withScaleLayer(Path saved, Consumer<ObjectNode> more) throws IOException {
        return ModelFileEdits.rewrite(saved, dir.resolve("scale-" + saved.getFileName()), entries -> {
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(entries.get(ModelFiles.MANIFEST));
                assertThat(root.get("formatVersion").asInt()).isGreaterThanOrEqualTo(3);
                ObjectNode first = (ObjectNode) root.get("model").get("layers").get(0);
                assertThat(first.get("layer").asText()).isEqualTo("dense");
                first.put("layer", "scale");
                more.accept(root);
                entries.put(ModelFiles.MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Adds a provenance line for 'scale' shaped like the writer's own line for 'dense'. */
    private static void savedFromJar(ObjectNode root) {
        ArrayNode plugins = (ArrayNode) root.get("provenance").get("plugins");
        JsonNode dense = null;
        for (JsonNode p : plugins) {
            if ("layer".equals(p.get("kind").asText()) && "dense".equals(p.get("name").asText())) {
                dense = p;
            }
        }
        assertThat(dense).as("the writer's provenance line for the dense layer").isNotNull();
        ObjectNode scale = dense.deepCopy();
        scale.put("name", "scale");
        scale.put("version", "1.0.0");
        scale.put("source", "/plugins/example-plugins.jar");
        plugins.add(scale);
    }

    private Path savedModel() {
        Path file = dir.resolve("model.tensile");
        ModelFiles.save(Fixtures.trained(), file, Fixtures.REGISTRY);
        return file;
    }

    @Test
    void theErrorNamesThePluginTheJarItCameFromAndWhereToPutIt() throws IOException {
        Path file = withScaleLayer(savedModel(), MissingLayerPluginTest::savedFromJar);
        assertThatThrownBy(() -> ModelFiles.load(file, Fixtures.REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": the model needs the layer plugin 'scale', which this installation does not have"
                        + " (the model was saved with it from /plugins/example-plugins.jar, version 1.0.0)" + WHERE);
    }

    @Test
    void withoutProvenanceForThePluginTheErrorStillSaysWhereToPutIt() throws IOException {
        Path file = withScaleLayer(savedModel(), root -> { });
        assertThatThrownBy(() -> ModelFiles.load(file, Fixtures.REGISTRY))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": the model needs the layer plugin 'scale', which this installation does not have"
                        + WHERE);
    }

    @Test
    void aCheckpointNamingAMissingLayerPluginIsRefusedTheSameWay() throws IOException {
        TensileModel m = Fixtures.trained();
        Path saved = dir.resolve("run.tensile");
        Checkpoints.save(saved, m, m.trainingState(), new PluginRef("adam", Map.of("lr", 0.01)), Fixtures.REGISTRY);
        Path file = withScaleLayer(saved, MissingLayerPluginTest::savedFromJar);
        assertThatThrownBy(() -> Checkpoints.load(file, Fixtures.BUILDER))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": the model needs the layer plugin 'scale', which this installation does not have"
                        + " (the model was saved with it from /plugins/example-plugins.jar, version 1.0.0)" + WHERE);
    }
}
