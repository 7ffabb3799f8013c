package dev.tensile.io;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tribuo.NetworkModel;
import dev.tensile.tribuo.TensileModel;

/**
 * Saves and loads trained models. A model file is one zip archive that NumPy reads as an {@code .npz}: a
 * {@code .npy} entry per weight array ({@code layer1.weights.npy}, {@code layer1.bias.npy}, ...), a
 * {@code model.json} with the model description, label and feature names, the feature scaling fitted on the
 * training data (if any, as exact per-column statistics), training history and provenance, and a
 * {@code SHA256SUMS} entry. {@code docs/model-format.md} is the full description.
 *
 * <p>Saving is atomic: the previous file, if any, is replaced only once the new one is complete on disk. Loading
 * rebuilds the network from its description with the registered plugins and copies the weights in, so the loaded
 * model, scaling included, predicts bit for bit what the saved one did (on the same kernel). Any problem with a file is one
 * {@link ModelFileException} naming the file and the problem.
 */
public final class ModelFiles {
    /** The manifest entry's name. */
    public static final String MANIFEST = "model.json";
    /** The conventional file extension. */
    public static final String EXTENSION = ".tensile";

    private ModelFiles() {
    }

    /** Writes {@code model} to {@code file}, replacing it atomically; plugin versions come from {@code registry}. */
    public static void save(NetworkModel<?> model, Path file, PluginRegistry registry) {
        save(model, file, registry, UnaryOperator.identity());
    }

    /** As {@link #save(NetworkModel, Path, PluginRegistry)}; {@code seam} wraps the file's stream (tests inject failures). */
    static void save(NetworkModel<?> model, Path file, PluginRegistry registry, UnaryOperator<OutputStream> seam) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new ModelFileException(file, "cannot write the model file: the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "cannot write the model file: a folder of that name exists");
        }
        try {
            ModelWriter.save(model, file, registry, seam);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "cannot save this model: " + e.getMessage(), e);
        }
    }

    /** Loads a classifier, building its network with {@code registry}'s plugins on the default kernel. */
    public static TensileModel load(Path file, PluginRegistry registry) {
        return load(file, new NetworkBuilder(registry, GemmProvider.get()));
    }

    /** Loads a classifier, building its network with {@code builder}; a regression model is refused. */
    public static TensileModel load(Path file, NetworkBuilder builder) {
        if (loadAny(file, builder) instanceof TensileModel m) {
            return m;
        }
        throw new ModelFileException(file, "holds a regression model, not a classifier (read it with loadAny)");
    }

    /** Loads a classifier ({@link TensileModel}) or a regressor, as the file's loss says. */
    public static NetworkModel<?> loadAny(Path file, NetworkBuilder builder) {
        try {
            return ModelReader.load(file, builder);
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException e) {
            // A safety net: every problem the reader knows of is reported above; tests assert this line is never reached.
            throw new ModelFileException(file, "unexpected problem reading the model file: " + e, e);
        }
    }
}
