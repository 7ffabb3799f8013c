package dev.tensile.plugin;

import dev.tensile.spi.Layer;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;

/** A test layer found on the class path: y = 2x, whatever the shape. */
public final class DoublingLayer implements Layer {

    @Override
    public String name() {
        return "doubling";
    }

    @Override
    public String description() {
        return "multiplies every value by 2 (a test layer)";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        return new Plan() {
            @Override
            public Shape output() {
                return input;
            }

            @Override
            public long bufferValues(int batch) {
                return 2L * batch * input.size();
            }

            @Override
            public String describe() {
                return "doubling";
            }

            @Override
            public Worker build(Context context) {
                return new Worker() {
                    @Override
                    public Matrix forward(Matrix in, boolean training) {
                        Matrix out = in.copy();
                        float[] d = out.data();
                        for (int i = 0; i < d.length; i++) {
                            d[i] *= 2;
                        }
                        return out;
                    }

                    @Override
                    public Matrix backward(Matrix g) {
                        return forward(g, true);
                    }
                };
            }
        };
    }
}
