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
    }
}
