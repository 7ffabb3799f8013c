package dev.tensile.nn;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Params;
import dev.tensile.tensor.Matrix;

/** The activations the core's own tests name ({@code relu}, {@code softmax}); the real ones live in plugins. */
public final class TestActivations {
    private TestActivations() {
    }

    public static final class Relu implements Activation {
        @Override
        public String name() {
            return "relu";
        }

        @Override
        public String description() {
            return "max(0, z) (a test activation of the core)";
        }

        @Override
        public Function create(Params params) {
            return new Function() {
                @Override
                public void forward(Matrix z, Matrix a) {
                    for (int i = 0; i < z.size(); i++) {
                        a.data()[i] = Math.max(0f, z.data()[i]);
                    }
                }

                @Override
                public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                    for (int i = 0; i < z.size(); i++) {
                        gradZ.data()[i] = z.data()[i] > 0 ? gradA.data()[i] : 0f;
                    }
                }
            };
        }
    }

    /** Only ever fused with cross-entropy in the core's tests, so never run as a stage. */
    public static final class Softmax implements Activation {
        @Override
        public String name() {
            return "softmax";
        }

        @Override
        public String description() {
            return "fused with cross-entropy (a test activation of the core)";
        }

        @Override
        public Function create(Params params) {
            throw new UnsupportedOperationException("the core's tests fuse softmax with cross-entropy");
        }
    }
}
