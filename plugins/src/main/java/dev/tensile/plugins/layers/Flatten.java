package dev.tensile.plugins.layers;

import java.util.List;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Layer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;

/**
 * Makes any shape a vector of the same values: [7, 7, 64] becomes [3136], in the row-major order the values
 * already have (height, width, channel; PyTorch's NCHW flatten orders them channel first). A batch's rows do not
 * change, so forward hands its input on and backward its gradient: nothing is copied. Keyword {@code flatten()}.
 * No parameters, no slots. ONNX: no node (the graph carries rows in this same order, see {@link ImageOnnx}).
 */
public final class Flatten implements Layer {

    @Override
    public String name() {
        return "flatten";
    }

    @Override
    public String description() {
        return "any shape to a vector of its values: [7, 7, 64] -> [3136]";
    }

    @Override
    public List<Param> parameters() {
        return List.of();
    }

    @Override
    public String keyword() {
        return "flatten";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        Shape out = Shape.of(input.size());
        return new Plan() {
            @Override
            public Shape output() {
                return out;
            }

            @Override
            public long bufferValues(int batch) {
                return 0;
            }

            @Override
            public String describe() {
                return "flatten";
            }

            @Override
            public Worker build(Context context) {
                boolean inputGradient = context.inputGradient();
                return new Worker() {
                    @Override
                    public Matrix forward(Matrix input, boolean training) {
                        return input;
                    }

                    @Override
                    public Matrix backward(Matrix gradOutput) {
                        return inputGradient ? gradOutput : null;
                    }

                    /** Nothing: every stage's ONNX output is already a row of values in our order. */
                    @Override
                    public ONNXRef<?> onnx(ONNXRef<?> input) {
                        return input;
                    }
                };
            }
        };
    }
}
