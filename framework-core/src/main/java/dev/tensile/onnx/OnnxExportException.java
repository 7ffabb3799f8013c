package dev.tensile.onnx;

/** A model that cannot be exported to ONNX; the message names the layer or plugin that cannot, and why. */
public final class OnnxExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OnnxExportException(String message) {
        super(message);
    }
}
