package dev.tensile.plugins.layers;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.nn.conv.Conv2d;
import dev.tensile.spi.Layer;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;

/**
 * A 2-D convolution over images [height, width, channels] (channels last), run as GEMMs over chunks of unfolded images
 * ({@link Conv2d}). Keyword {@code conv}: {@code conv 32, kernel: 3, padding: 'same', activation: 'relu'}.
 *
 * <p>Parameters: {@code filters}, the output channels, 1 to 65,536 (default 1; scripts give it: {@code conv 32});
 * {@code kernel}, the side of the square window, 1 to 1024 (default 3); {@code stride}, 1 to 1024 (default 1);
 * {@code padding}, {@code 'same'} (the output is ceil(input / stride) pixels; an odd total padding puts the extra
 * pixel at the bottom and right, as Keras does), {@code 'valid'} (none; the default) or a number of pixels on each
 * side; {@code dilation}, the spacing of the window's taps, 1 to 1024 (default 1); {@code bias}, whether the layer
 * adds a learned bias per filter (default true).
 *
 * <p>Slots: {@code kernel} [kh, kw, in, out] (the layer's initializer with fan-in kh*kw*in and fan-out kh*kw*out, as
 * Keras and PyTorch compute them: He-normal for relu; regularized), then {@code bias} [out] (zeros) unless
 * {@code bias: false}. PyTorch's weight (out, in, kh, kw) is {@code kernel.transpose(3, 2, 0, 1)}. The activation a
 * script names none for is relu, which the layer applies itself, chunk by chunk while its output is in cache, rather
 * than as a stage of its own. ONNX: one {@code Conv} node (NCHW, explicit pads and dilations), and a {@code Relu}
 * node when the layer applies relu, between the layout changes of {@link ImageOnnx}.
 */
public final class Conv2dLayer implements Layer {
    static final int MAX_FILTERS = 1 << 16;

    @Override
    public String name() {
        return "conv2d";
    }

    @Override
    public String description() {
        return "2-D convolution over [height, width, channels] images ('filters' output channels)";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.integer("filters", 1, 1, MAX_FILTERS, "output channels"),
                Param.integer("kernel", 3, 1, 1024, "side of the square window"),
                Param.integer("stride", 1, 1, 1024, "step between windows"),
                ImageShapes.padding("valid"),
                Param.integer("dilation", 1, 1, 1024, "spacing of the window's taps"),
                Param.bool("bias", true, "add a learned bias per filter"));
    }

    @Override
    public String keyword() {
        return "conv";
    }

    @Override
    public String positional() {
        return "filters";
    }

    @Override
    public String defaultActivation() {
        return "relu";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        int filters = params.integer("filters");
        int k = params.integer("kernel");
        ConvGeometry g = ImageShapes.geometry(input, k, params.integer("stride"), params.integer("dilation"),
                params.text("padding"));
        boolean bias = params.bool("bias");
        int in = g.channels();
        return new Plan() {
            @Override
            public Shape output() {
                return Shape.of(g.outH(), g.outW(), filters);
            }

            @Override
            public List<Slot> slots() {
                List<Slot> slots = new ArrayList<>();
                slots.add(Slot.weights("kernel", Shape.of(k, k, in, filters), k * k * in, k * k * filters));
                if (bias) {
                    slots.add(Slot.bias("bias", Shape.of(filters)));
                }
                return slots;
            }

            @Override
            public long bufferValues(int batch) {
                // output and input gradient; the unfolded images live a chunk at a time in a buffer per thread
                return (long) batch * (g.inputSize() + g.outPixels() * filters);
            }

            @Override
            public String describe() {
                return "conv2d " + filters + " " + ImageShapes.window(g);
            }

            @Override
            public boolean fusesActivation(String name) {
                return "relu".equals(name);
            }

            @Override
            public Worker build(Context context) {
                Matrix kernel = context.value("kernel");
                Matrix biasValues = bias ? context.value("bias") : null;
                boolean relu = "relu".equals(context.fusedActivation());
                Conv2d conv = new Conv2d(context.gemm(), g, filters, kernel, context.gradient("kernel"), biasValues,
                        bias ? context.gradient("bias") : null, relu, context.inputGradient());
                return new ImageOnnx.Exported(conv, in -> onnx(in, g, filters, kernel, biasValues, relu));
            }
        };
    }

    /**
     * One Conv node between the layout changes: our kernel [kh, kw, in, out] is ONNX's weight [out, in, kh, kw]
     * (PyTorch's layout); 'same' padding, odd totals and dilation are all explicit attributes.
     */
    private static ONNXRef<?> onnx(ONNXRef<?> input, ConvGeometry g, int filters, Matrix kernel, Matrix bias,
                                   boolean relu) {
        ONNXContext ctx = input.onnxContext();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int in = g.channels();
        float[] k = kernel.data();
        List<ONNXRef<?>> inputs = new ArrayList<>();
        inputs.add(ImageOnnx.toNchw(input, g.inH(), g.inW(), in));
        inputs.add(ctx.floatTensor("conv_weights", List.of(filters, in, kh, kw), buf -> {
            for (int o = 0; o < filters; o++) {
                for (int c = 0; c < in; c++) {
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            buf.put(k[((i * kw + j) * in + c) * filters + o]);
                        }
                    }
                }
            }
        }));
        if (bias != null) {
            inputs.add(ImageOnnx.tensor(ctx, "conv_bias", List.of(filters), bias));
        }
        ONNXRef<?> out = ctx.operation(OnnxOps.CONV, inputs, "conv", ImageOnnx.window(g, true));
        if (relu) {
            out = out.apply(OnnxOps.RELU);
        }
        return ImageOnnx.toRows(out, g.outPixels() * filters);
    }
}
