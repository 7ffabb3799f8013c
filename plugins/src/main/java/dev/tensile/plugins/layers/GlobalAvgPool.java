package dev.tensile.plugins.layers;

import java.util.List;

import dev.tensile.nn.conv.Pool2d;
import dev.tensile.spi.Layer;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;

/**
 * The average of each channel over the whole image: [height, width, channels] in, [channels] out (a vector, so a
 * dense layer can follow without flatten). Keyword {@code globalAvgPool()}. No parameters, no slots. ONNX: one
 * {@code GlobalAveragePool} node between the layout changes of {@link ImageOnnx}.
 */
public final class GlobalAvgPool implements Layer {

    @Override
    public String name() {
        return "global-avg-pool";
    }

    @Override
    public String description() {
        return "average of each channel over the image: [h, w, c] -> [c]";
    }

    @Override
    public List<Param> parameters() {
        return List.of();
    }

    @Override
    public String keyword() {
        return "globalAvgPool";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        ImageShapes.requireImage(input);
        int h = input.dim(0);
        int w = input.dim(1);
        int c = input.dim(2);
        return new Plan() {
            @Override
            public Shape output() {
                return Shape.of(c);
            }

            @Override
            public long bufferValues(int batch) {
                return (long) batch * (input.size() + c);
            }

            @Override
            public String describe() {
                return "global-avg-pool";
            }

            @Override
            public Worker build(Context context) {
                return new ImageOnnx.Exported(new PoolLayer.PoolWorker(Pool2d.globalAverage(h, w, c),
                        context.inputGradient()), in -> ImageOnnx.toRows(
                        ImageOnnx.toNchw(in, h, w, c).apply(OnnxOps.GLOBAL_AVERAGE_POOL), c));
            }
        };
    }
}
