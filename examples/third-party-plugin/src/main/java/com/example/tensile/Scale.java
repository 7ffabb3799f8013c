package com.example.tensile;

import java.util.List;

import dev.tensile.spi.Layer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/**
 * A learnable per-unit gain: y = g ⊙ x, one gain per value of an example (per unit of a vector, per pixel and channel
 * of an image), each starting at 1 so that a fresh layer passes its input through unchanged. With {@code bias: true}
 * it learns a per-unit offset too, y = g ⊙ x + b, b starting at 0. Parameters: {@code bias} (default false).
 * Neither array is weight-regularized (like a batch-norm scale): l2 would pull the gains towards 0, not towards 1.
 *
 * <p>Gradients: dL/dg_j = Σ over the batch of x_j · dL/dy_j, dL/db_j = Σ dL/dy_j, dL/dx_j = g_j · dL/dy_j. They are
 * ADDED to the engine's gradient arrays, as the layer contract asks.
 */
public final class Scale implements Layer {

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String description() {
        return "multiplies each unit by a learned gain (starts at 1); bias: true adds a learned offset";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.bool("bias", false, "learn a per-unit offset as well (starts at 0)"));
    }

    @Override
    public String keyword() {
        return "scale";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        boolean bias = params.bool("bias");
        int n = input.size();
        return new Plan() {
            @Override
            public Shape output() {
                return input;
            }

            @Override
            public List<Slot> slots() {
                Slot gain = Slot.filled("gain", Shape.of(n), 1f);
                return bias ? List.of(gain, Slot.bias("bias", Shape.of(n))) : List.of(gain);
            }

            @Override
            public long bufferValues(int batch) {
                return 2L * batch * n; // output and input gradient
            }

            @Override
            public String describe() {
                return bias ? "scale with bias" : "scale";
            }

            @Override
            public Worker build(Context context) {
                return new ScaleWorker(context, bias, n);
            }
        };
    }

    private static final class ScaleWorker implements Worker {
        private final Context context;
        private final Matrix gain;
        private final Matrix gainGrad;
        private final Matrix bias;
        private final Matrix biasGrad;
        private final int n;
        private final Buffers outputs;
        private final Buffers gradients;
        private Matrix input;

        ScaleWorker(Context context, boolean bias, int n) {
            this.context = context;
            this.gain = context.value("gain");
            this.gainGrad = context.gradient("gain");
            this.bias = bias ? context.value("bias") : null;
            this.biasGrad = bias ? context.gradient("bias") : null;
            this.n = n;
            this.outputs = new Buffers(n);
            this.gradients = new Buffers(n);
        }

        @Override
        public Matrix forward(Matrix x, boolean training) {
            input = x; // the engine keeps it unchanged until the matching backward
            Matrix out = outputs.get(x.rows());
            float[] a = x.data();
            float[] y = out.data();
            float[] g = gain.data();
            float[] b = bias == null ? null : bias.data();
            for (int r = 0, off = 0; r < x.rows(); r++, off += n) {
                for (int j = 0; j < n; j++) {
                    y[off + j] = a[off + j] * g[j] + (b == null ? 0f : b[j]);
                }
            }
            return out;
        }

        @Override
        public Matrix backward(Matrix gradOutput) {
            float[] a = input.data();
            float[] d = gradOutput.data();
            float[] dg = gainGrad.data();
            float[] db = biasGrad == null ? null : biasGrad.data();
            for (int r = 0, off = 0; r < gradOutput.rows(); r++, off += n) {
                for (int j = 0; j < n; j++) {
                    dg[j] += a[off + j] * d[off + j];
                    if (db != null) {
                        db[j] += d[off + j];
                    }
                }
            }
            if (!context.inputGradient()) {
                return null;
            }
            Matrix gradIn = gradients.get(gradOutput.rows());
            float[] dx = gradIn.data();
            float[] g = gain.data();
            for (int r = 0, off = 0; r < gradOutput.rows(); r++, off += n) {
                for (int j = 0; j < n; j++) {
                    dx[off + j] = g[j] * d[off + j];
                }
            }
            return gradIn;
        }
    }
}
