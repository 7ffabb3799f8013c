package dev.tensile.plugins.layers;

import java.util.List;

import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.spi.Layer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Inverted dropout, on vectors or feature maps alike. {@code rate} is the fraction of units DROPPED (Keras's meaning;
 * Deeplearning4j's {@code p} is the fraction kept), a number from 0 to 0.99, default 0.5. In training each value is
 * zeroed with probability rate and the survivors are scaled by 1/(1 - rate), so the expected activation is
 * unchanged; backward reuses the same mask. At inference it is the identity. Masks come from the layer's own stream,
 * which checkpoints save.
 */
public final class Dropout implements Layer {

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String description() {
        return "zeroes a fraction 'rate' of units in training (rate = fraction dropped), scales the rest by 1/(1-rate)";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("rate", 0.5, 0, 0.99, "fraction of units dropped in each training step"));
    }

    @Override
    public String keyword() {
        return "dropout";
    }

    @Override
    public String positional() {
        return "rate";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        double rate = params.real("rate");
        return new Plan() {
            @Override
            public Shape output() {
                return input;
            }

            @Override
            public long bufferValues(int batch) {
                return 3L * batch * input.size(); // output, input gradient, mask
            }

            @Override
            public String describe() {
                return "dropout " + rate;
            }

            @Override
            public Worker build(Context context) {
                return new DropoutWorker(context.random(), rate, input.size());
            }
        };
    }

    private static final class DropoutWorker implements Worker {
        private final Rng rng;
        private final double rate;
        private final float scale;
        private final Buffers outputs;
        private final Buffers gradients;
        private float[] mask = new float[0];

        DropoutWorker(Rng rng, double rate, int size) {
            this.rng = rng;
            this.rate = rate;
            this.scale = (float) (1.0 / (1.0 - rate));
            this.outputs = new Buffers(size);
            this.gradients = new Buffers(size);
        }

        @Override
        public Matrix forward(Matrix input, boolean training) {
            if (!training) {
                return input;
            }
            Matrix out = outputs.get(input.rows());
            float[] x = input.data();
            float[] y = out.data();
            // grown only, and used as a prefix, so the short last batch of an epoch allocates nothing
            if (mask.length < x.length) {
                mask = new float[x.length];
            }
            for (int i = 0; i < x.length; i++) {
                mask[i] = rng.nextDouble() < rate ? 0f : scale;
                y[i] = x[i] * mask[i];
            }
            return out;
        }

        @Override
        public Matrix backward(Matrix gradOutput) {
            Matrix gradIn = gradients.get(gradOutput.rows());
            float[] g = gradOutput.data();
            float[] d = gradIn.data();
            for (int i = 0; i < g.length; i++) {
                d[i] = g[i] * mask[i];
            }
            return gradIn;
        }

        /** At inference the layer passes its input on (see forward), so it adds no nodes. */
        @Override
        public ONNXRef<?> onnx(ONNXRef<?> input) {
            return input;
        }
    }
}
