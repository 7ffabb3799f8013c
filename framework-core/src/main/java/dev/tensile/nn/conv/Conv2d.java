package dev.tensile.nn.conv;

import java.util.List;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.Im2col;
import dev.tensile.kernel.VectorOps;
import dev.tensile.nn.Layer;
import dev.tensile.nn.Parameter;
import dev.tensile.tensor.Matrix;

/**
 * A 2-D convolution over NHWC images as one GEMM: the batch is unfolded ({@link Im2col}) into a
 * {@code (batch x outPixels) x patchSize} matrix and multiplied by the kernel, stored as a
 * {@code patchSize x filters} matrix, i.e. the 4-D array {@code (kh, kw, in, out)}; the product is the NHWC output.
 * Backward: {@code dKernel = unfoldedᵀ · dOut}, {@code dBias} = the column sums of dOut, and
 * {@code dInput = fold(dOut · kernelᵀ)}, written over the unfolded buffer (its forward contents are no longer
 * needed once dKernel is computed). A 1x1 convolution with stride 1 and no padding skips the unfolding.
 */
public final class Conv2d implements Layer {
    private final Gemm gemm;
    private final ConvGeometry g;
    private final int filters;
    private final Parameter kernel;
    private final Parameter bias;
    private final String label;
    private final Scratch outputs;
    private final Scratch gradInputs;
    private final Im2col im2col = new Im2col();
    private float[] unfolded;
    private Matrix input;
    private boolean inputGradient = true;

    /** @param bias false leaves the layer without a bias parameter */
    public Conv2d(Gemm gemm, ConvGeometry g, int filters, boolean bias, String label) {
        this.gemm = gemm;
        this.g = g;
        this.filters = filters;
        this.label = label;
        int k = g.patchSize();
        this.kernel = new Parameter(label + ".kernel", new Matrix(k, filters), new Matrix(k, filters), false);
        this.bias = bias ? new Parameter(label + ".bias", new Matrix(1, filters), new Matrix(1, filters), true) : null;
        this.outputs = new Scratch(g.outPixels() * filters);
        this.gradInputs = new Scratch(g.inputSize());
    }

    /**
     * Whether backward computes the gradient of the input (default true). The first layer of a network has no
     * one to pass it to: there, skipping it saves a GEMM and a fold per step, and backward returns a matrix of
     * zeros.
     */
    public void computeInputGradient(boolean on) {
        this.inputGradient = on;
    }

    public ConvGeometry geometry() {
        return g;
    }

    public int filters() {
        return filters;
    }

    /** The kernel as a {@code (kh * kw * in) x out} matrix: row-major, it is the 4-D array (kh, kw, in, out). */
    public Parameter kernel() {
        return kernel;
    }

    /** The bias (1 x filters), or null when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public int inputSize() {
        return g.inputSize();
    }

    @Override
    public int outputSize() {
        return g.outPixels() * filters;
    }

    @Override
    public Matrix forward(Matrix in, boolean training) {
        int batch = in.rows();
        int rows = batch * g.outPixels();
        int k = g.patchSize();
        long t0 = OpTimes.start();
        float[] a;
        if (g.isIdentity()) {
            a = in.data();
        } else {
            unfolded = Scratch.atLeast(unfolded, (long) rows * k);
            im2col.unfold(in.data(), batch, g, unfolded);
            a = unfolded;
        }
        Matrix output = outputs.get(batch);
        float[] out = output.data();
        gemm.gemm(false, false, rows, filters, k, 1f, a, 0, k, kernel.value().data(), 0, filters, 0f, out, 0, filters);
        if (bias != null) {
            VectorOps.addRowVector(out, rows, filters, bias.value().data());
        }
        input = in;
        OpTimes.stop(OpTimes.Kind.CONV_FORWARD, t0);
        return output;
    }

    @Override
    public Matrix backward(Matrix gradOut) {
        int batch = gradOut.rows();
        int rows = batch * g.outPixels();
        int k = g.patchSize();
        float[] dy = gradOut.data();
        boolean identity = g.isIdentity();
        long t0 = OpTimes.start();
        float[] a = identity ? input.data() : unfolded;
        gemm.gemm(true, false, k, filters, rows, 1f, a, 0, k, dy, 0, filters, 0f, kernel.grad().data(), 0, filters);
        if (bias != null) {
            VectorOps.sumColumns(dy, rows, filters, bias.grad().data());
        }
        OpTimes.stop(OpTimes.Kind.CONV_WEIGHT_GRADIENT, t0);
        long t1 = OpTimes.start();
        Matrix gradInput = gradInputs.get(batch);
        if (!inputGradient) {
            gradInput.fill(0f);
        } else if (identity) {
            gemm.gemm(false, true, rows, k, filters, 1f, dy, 0, filters, kernel.value().data(), 0, filters,
                    0f, gradInput.data(), 0, k);
        } else {
            gemm.gemm(false, true, rows, k, filters, 1f, dy, 0, filters, kernel.value().data(), 0, filters,
                    0f, unfolded, 0, k);
            im2col.fold(unfolded, batch, g, gradInput.data());
        }
        OpTimes.stop(OpTimes.Kind.CONV_INPUT_GRADIENT, t1);
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(kernel) : List.of(kernel, bias);
    }

    @Override
    public String describe() {
        return "conv " + filters + " " + g.kernelH() + "x" + g.kernelW();
    }

    @Override
    public String toString() {
        return label;
    }
}
