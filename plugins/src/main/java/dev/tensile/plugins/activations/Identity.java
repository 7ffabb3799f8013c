package dev.tensile.plugins.activations;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/** f(z) = z: a linear layer, e.g. for regression outputs. */
public final class Identity implements Activation {

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String description() {
        return "no non-linearity, f(z) = z";
    }

    @Override
    public Function create(Params params) {
        return new Function() {
            @Override
            public ONNXRef<?> onnx(ONNXRef<?> z) {
                return z;
            }

            @Override
            public void forward(Matrix z, Matrix a) {
                a.copyFrom(z);
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                gradZ.copyFrom(gradA);
            }
        };
    }
}
