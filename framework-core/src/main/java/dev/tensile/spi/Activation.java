package dev.tensile.spi;

import dev.tensile.tensor.Matrix;

/** An elementwise (or, for softmax, row-wise) non-linearity. */
public interface Activation extends Plugin {

    /** Binds parameters once per layer. */
    Function create(Params params);

    /** The initializer a dense layer before this activation takes when the script names none. */
    default String preferredInitializer() {
        return "xavier-uniform";
    }

    /** The bound activation. Buffers are owned by the caller and reused. */
    interface Function {
        /** a = f(z), same shape. */
        void forward(Matrix z, Matrix a);

        /** gradZ = gradA * f'(z), given the z and a of the forward pass. */
        void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ);

        /**
         * This activation as ONNX nodes applied to {@code z} (a float tensor {@code [batch, units]}), built with
         * Tribuo's {@code ONNXRef.apply} and the operators of {@link OnnxOps} or Tribuo's {@code ONNXOperators}
         * (opset {@value OnnxOps#OPSET}); returns the output. The default, null, means this activation cannot be
         * exported, and an export that meets it says so, naming it.
         */
        default org.tribuo.util.onnx.ONNXRef<?> onnx(org.tribuo.util.onnx.ONNXRef<?> z) {
            return null;
        }
    }
}
