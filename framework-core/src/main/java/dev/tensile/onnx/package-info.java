/**
 * ONNX export of trained networks, built on Tribuo's {@code tribuo-util-onnx}: the fitted input scaling as the first
 * nodes, then each layer's and activation's own nodes (the plugins write them), then the output's softmax or
 * sigmoid, with the model's provenance in the metadata. Opset {@value dev.tensile.spi.OnnxOps#OPSET}, IR version
 * {@value dev.tensile.onnx.OnnxExport#IR_VERSION}.
 */
package dev.tensile.onnx;
