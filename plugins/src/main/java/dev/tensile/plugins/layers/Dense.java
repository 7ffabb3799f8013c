package dev.tensile.plugins.layers;

import java.util.List;

import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.VectorOps;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/**
 * A fully connected layer: {@code out = in · W + b}, with W stored inputs x units so the forward pass is a plain
 * A·B and the two backward products are Aᵀ·B (weights) and A·Bᵀ (inputs).
 *
 * <p>Parameter: {@code units}, the outputs, an integer from 1 to 16,777,216 (default 1; scripts always give it:
 * {@code dense 64}). Slots: {@code weights} [inputs, units] (the layer's initializer, regularized) and {@code bias}
 * [units] (zeros). Takes a vector; the activation a script names none for is relu.
 */
public final class Dense implements Layer {
    /** Widest layer a model may declare; far above any dense layer that fits in memory. */
    static final int MAX_UNITS = 1 << 24;

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String description() {
        return "fully connected: out = in · W + b ('units' outputs)";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.integer("units", 1, 1, MAX_UNITS, "number of outputs"));
    }

    @Override
    public String keyword() {
        return "dense";
    }

    @Override
    public String positional() {
        return "units";
    }

    @Override
    public String defaultActivation() {
        return "relu";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        if (!input.isVector()) {
            throw new IllegalArgumentException("needs a vector input, got " + input + " (flatten it first)");
        }
        int inputs = input.size();
        int units = params.integer("units");
        return new Plan() {
            @Override
            public Shape output() {
                return Shape.of(units);
            }

            @Override
            public List<Slot> slots() {
                return List.of(Slot.weights("weights", Shape.of(inputs, units), inputs, units),
                        Slot.bias("bias", Shape.of(units)));
            }

            @Override
            public long bufferValues(int batch) {
                return (long) batch * (inputs + units) + units;
            }

            @Override
            public String describe() {
                return "dense " + units;
            }

            @Override
            public Worker build(Context context) {
                return new DenseWorker(context, inputs, units);
            }
        };
    }

    /** Forward and backward on the kernel: three GEMMs and two row/column passes, no allocation after warm-up. */
    private static final class DenseWorker implements Worker {
        private final Gemm gemm;
        private final float[] w;
        private final float[] b;
        private final float[] dw;
        private final float[] db;
        private final float[] columnSums;
        private final int k;
        private final int n;
        private final boolean inputGradient;
        private final Buffers outputs;
        private final Buffers gradInputs;
        private Matrix input;

        DenseWorker(Context context, int inputs, int units) {
            this.gemm = context.gemm();
            this.w = context.value("weights").data();
            this.b = context.value("bias").data();
            this.dw = context.gradient("weights").data();
            this.db = context.gradient("bias").data();
            this.columnSums = new float[units];
            this.k = inputs;
            this.n = units;
            this.inputGradient = context.inputGradient();
            this.outputs = new Buffers(units);
            this.gradInputs = new Buffers(inputs);
        }

        @Override
        public Matrix forward(Matrix in, boolean training) {
            int batch = in.rows();
            Matrix output = outputs.get(batch);
            float[] out = output.data();
            gemm.gemm(false, false, batch, n, k, 1f, in.data(), 0, k, w, 0, n, 0f, out, 0, n);
            VectorOps.addRowVector(out, batch, n, b);
            input = in;
            return output;
        }

        @Override
        public Matrix backward(Matrix gradOut) {
            return backward(gradOut, 1f);
        }

        @Override
        public boolean overwritesGradients() {
            return true;
        }

        @Override
        public Matrix backwardOverwriting(Matrix gradOut) {
            return backward(gradOut, 0f);
        }

        /** beta 1 adds this batch's gradients to dW and db, beta 0 sets them (dW's product then never reads it). */
        private Matrix backward(Matrix gradOut, float beta) {
            int batch = gradOut.rows();
            float[] g = gradOut.data();
            // dW (+)= inᵀ · gradOut ; db (+)= column sums of gradOut ; dIn = gradOut · Wᵀ (skipped for the first layer)
            gemm.gemm(true, false, k, n, batch, 1f, input.data(), 0, k, g, 0, n, beta, dw, 0, n);
            if (beta == 0f) {
                VectorOps.sumColumns(g, batch, n, db);
            } else {
                VectorOps.sumColumns(g, batch, n, columnSums);
                VectorOps.axpy(1f, columnSums, db, n);
            }
            if (!inputGradient) {
                return null;
            }
            Matrix gradInput = gradInputs.get(batch);
            gemm.gemm(false, true, batch, k, n, 1f, g, 0, n, w, 0, n, 0f, gradInput.data(), 0, k);
            return gradInput;
        }

        /** One Gemm node: {@code input · W + b}, the trained W and b as initializers. */
        @Override
        public ONNXRef<?> onnx(ONNXRef<?> in) {
            ONNXContext ctx = in.onnxContext();
            return in.apply(ONNXOperators.GEMM, List.of(
                    ctx.floatTensor("dense_weights", List.of(k, n), buf -> buf.put(w)),
                    ctx.floatTensor("dense_bias", List.of(n), buf -> buf.put(b))));
        }
    }
}
