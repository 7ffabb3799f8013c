package dev.tensile.plugins.layers;

import java.util.List;
import java.util.Map;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.nn.conv.Pool2d;
import dev.tensile.spi.Layer;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;

/**
 * Pooling over images [height, width, channels], channel by channel: the maximum or the average of each window.
 * Three plugins share it: {@code pool} (keyword {@code pool}, positional {@code type}: {@code pool 'max', size: 2}),
 * {@code max-pool} and {@code avg-pool} ({@code layer 'max-pool', size: 2}).
 *
 * <p>Parameters: {@code type} ({@code pool} only), {@code 'max'} (default) or {@code 'avg'}; {@code size}, the side
 * of the square window, 1 to 1024 (default 2); {@code stride}, 0 (default: the window's size, so windows tile the
 * image) to 1024; {@code padding}, {@code 'valid'} (default: a last row or column that no whole window covers is
 * dropped), {@code 'same'} or a number of pixels. Padded taps are left out: a maximum never picks padding and an
 * average divides by the taps inside the image (Keras; PyTorch's avg_pool2d counts padding by default; ONNX's
 * AveragePool is exported with {@code count_include_pad = 0}, which agrees with ours). No slots.
 */
public class PoolLayer implements Layer {
    private final String name;
    private final String fixedType;

    /** The {@code pool} plugin, whose type is a parameter. */
    public PoolLayer() {
        this("pool", null);
    }

    PoolLayer(String name, String fixedType) {
        this.name = name;
        this.fixedType = fixedType;
    }

    /** {@code max-pool}. */
    public static final class Max extends PoolLayer {
        public Max() {
            super("max-pool", "max");
        }
    }

    /** {@code avg-pool}. */
    public static final class Avg extends PoolLayer {
        public Avg() {
            super("avg-pool", "avg");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return fixedType == null ? "max or average of each window of an image ('type', 'size')"
                : (fixedType.equals("max") ? "maximum" : "average") + " of each window of an image ('size')";
    }

    @Override
    public List<Param> parameters() {
        List<Param> common = List.of(Param.integer("size", 2, 1, 1024, "side of the square window"),
                Param.integer("stride", 0, 0, 1024, "step between windows (0: the window's size)"),
                ImageShapes.padding("valid"));
        if (fixedType != null) {
            return common;
        }
        return List.of(Param.choice("type", "max", List.of("max", "avg"), "which statistic of a window"),
                common.get(0), common.get(1), common.get(2));
    }

    @Override
    public String keyword() {
        return fixedType == null ? "pool" : null;
    }

    @Override
    public String positional() {
        return fixedType == null ? "type" : "size";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        String type = fixedType != null ? fixedType : params.text("type");
        int size = params.integer("size");
        int stride = params.integer("stride") == 0 ? size : params.integer("stride");
        ConvGeometry g = ImageShapes.geometry(input, size, stride, 1, params.text("padding"));
        Pool2d.Mode mode = type.equals("max") ? Pool2d.Mode.MAX : Pool2d.Mode.AVG;
        return new Plan() {
            @Override
            public Shape output() {
                return Shape.of(g.outH(), g.outW(), g.channels());
            }

            @Override
            public long bufferValues(int batch) {
                return (long) batch * (g.inputSize() + 2L * g.outPixels() * g.channels());
            }

            @Override
            public String describe() {
                return type + "-pool " + ImageShapes.window(g);
            }

            @Override
            public Worker build(Context context) {
                return new ImageOnnx.Exported(new PoolWorker(new Pool2d(mode, g), context.inputGradient()),
                        in -> onnx(in, g, mode));
            }
        };
    }

    /**
     * MaxPool, or AveragePool with {@code count_include_pad = 0} (ONNX's default, stated anyway): padded taps are
     * left out of both, as ours are. Our windows have no dilation.
     */
    private static ONNXRef<?> onnx(ONNXRef<?> input, ConvGeometry g, Pool2d.Mode mode) {
        ONNXRef<?> nchw = ImageOnnx.toNchw(input, g.inH(), g.inW(), g.channels());
        Map<String, Object> window = ImageOnnx.window(g, false);
        if (mode == Pool2d.Mode.AVG) {
            window.put("count_include_pad", 0);
        }
        ONNXRef<?> out = nchw.apply(mode == Pool2d.Mode.MAX ? OnnxOps.MAX_POOL : OnnxOps.AVERAGE_POOL, window);
        return ImageOnnx.toRows(out, g.outPixels() * g.channels());
    }

    /** The pooling worker, skipping the input gradient when nothing reads it. */
    record PoolWorker(Pool2d pool, boolean inputGradient) implements Worker {
        @Override
        public dev.tensile.tensor.Matrix forward(dev.tensile.tensor.Matrix input, boolean training) {
            return pool.forward(input, training);
        }

        @Override
        public dev.tensile.tensor.Matrix backward(dev.tensile.tensor.Matrix gradOutput) {
            return inputGradient ? pool.backward(gradOutput) : null;
        }
    }
}
