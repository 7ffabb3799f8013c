package dev.tensile.plugins.layers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.spi.Layer;
import dev.tensile.spi.OnnxOps;
import dev.tensile.tensor.Matrix;

/**
 * The ONNX side of the image layers. Between stages the graph carries {@code [batch, size]}, each row an image in our
 * channels-last order (height, width, channel); ONNX's Conv and pooling operators take NCHW. So an image layer
 * reshapes its row to {@code [batch, h, w, c]}, transposes to NCHW, runs its operator, and transposes and reshapes
 * back. Two image layers in a row thus meet at a round trip that leaves the values as they are; keeping every
 * stage's contract the same ({@code [batch, size]}, channels last) is what lets flatten write no node and keep the
 * element order a following dense layer was trained on.
 */
final class ImageOnnx {
    private ImageOnnx() {
    }

    /** A row of {@code h x w x c} values (channels last) as an NCHW tensor. */
    static ONNXRef<?> toNchw(ONNXRef<?> rows, int h, int w, int c) {
        ONNXContext ctx = rows.onnxContext();
        ONNXRef<?> nhwc = rows.apply(OnnxOps.RESHAPE, ctx.array("image_shape", new long[] {-1, h, w, c}));
        return nhwc.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 3, 1, 2}));
    }

    /** An NCHW tensor back as rows of {@code size} values, channels last. */
    static ONNXRef<?> toRows(ONNXRef<?> nchw, int size) {
        ONNXContext ctx = nchw.onnxContext();
        ONNXRef<?> nhwc = nchw.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 2, 3, 1}));
        return nhwc.apply(OnnxOps.RESHAPE, ctx.array("rows_shape", new long[] {-1, size}));
    }

    /**
     * The window attributes of {@code g} for Conv, MaxPool and AveragePool: kernel, strides and explicit pads
     * {@code [top, left, bottom, right]}. The bottom and right pads are the ones the output size uses (ONNX's
     * floor((in + pads - window) / stride) + 1 then gives our output size): padding no window reaches is left out,
     * which is also why an odd 'same' padding lands at the bottom and right, as ours does.
     */
    static Map<String, Object> window(ConvGeometry g, boolean dilations) {
        int bottom = Math.max(0, (g.outH() - 1) * g.strideH() + (g.kernelH() - 1) * g.dilationH() + 1 - g.inH() - g.padTop());
        int right = Math.max(0, (g.outW() - 1) * g.strideW() + (g.kernelW() - 1) * g.dilationW() + 1 - g.inW() - g.padLeft());
        Map<String, Object> attributes = new HashMap<>(Map.of(
                "kernel_shape", new int[] {g.kernelH(), g.kernelW()},
                "strides", new int[] {g.strideH(), g.strideW()},
                "pads", new int[] {g.padTop(), g.padLeft(), bottom, right}));
        if (dilations) {
            attributes.put("dilations", new int[] {g.dilationH(), g.dilationW()});
        }
        return attributes;
    }

    /** A slot's current values as an initializer of shape {@code dims}, in their stored order. */
    static ONNXRef<?> tensor(ONNXContext ctx, String name, List<Integer> dims, Matrix values) {
        return ctx.floatTensor(name, dims, buf -> buf.put(values.data()));
    }

    /** A worker (from the core's conv package) with the ONNX nodes its layer plugin writes for it. */
    record Exported(Layer.Worker worker, UnaryOperator<ONNXRef<?>> nodes) implements Layer.Worker {
        @Override
        public Matrix forward(Matrix input, boolean training) {
            return worker.forward(input, training);
        }

        @Override
        public Matrix backward(Matrix gradOutput) {
            return worker.backward(gradOutput);
        }

        @Override
        public ONNXRef<?> onnx(ONNXRef<?> input) {
            return nodes.apply(input);
        }
    }
}
