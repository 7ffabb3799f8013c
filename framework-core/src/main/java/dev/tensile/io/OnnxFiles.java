package dev.tensile.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tensile.onnx.OnnxExport;
import dev.tensile.tribuo.NetworkModel;

/**
 * Exports trained models as ONNX files (opset 13, IR version {@value OnnxExport#IR_VERSION}), for serving outside
 * the JVM: input {@value OnnxExport#INPUT} takes raw features, output {@value OnnxExport#OUTPUT} gives
 * probabilities (or regression values); docs/onnx.md describes the graph. Writing is atomic, as for model files. The
 * model's own {@code exportONNXModel}/{@code saveONNXModel} (Tribuo's {@code ONNXExportable}) give the same graph.
 */
public final class OnnxFiles {
    /** The ONNX model domain Tensile writes. */
    public static final String DOMAIN = "dev.tensile";

    private OnnxFiles() {
    }

    /** Writes {@code model} to {@code file} as ONNX (model version 1), replacing it atomically. */
    public static void save(NetworkModel<?> model, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ModelFileException(file, "cannot write the ONNX file: the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "cannot write the ONNX file: a folder of that name exists");
        }
        byte[] bytes = model.exportONNXModel(DOMAIN, 1).toByteArray();
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write the ONNX file: " + e.getMessage(), e);
        }
    }
}
