package dev.tensile.nn.conv;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.Im2col;
import dev.tensile.kernel.VectorOps;
import dev.tensile.spi.Layer;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/**
 * A 2-D convolution over NHWC images as one GEMM: the batch is unfolded ({@link Im2col}) into a
 * {@code (batch x outPixels) x patchSize} matrix and multiplied by the kernel, stored as a
 * {@code patchSize x filters} matrix, i.e. the 4-D array {@code (kh, kw, in, out)}; the product is the NHWC output.
 * Backward: {@code dKernel = unfoldedᵀ · dOut}, {@code dBias} = the column sums of dOut, and
 * {@code dInput = fold(dOut · kernelᵀ)}, written over the unfolded buffer (its forward contents are no longer
 * needed once dKernel is computed). A 1x1 convolution with stride 1 and no padding skips the unfolding.
 * Backward adds to the gradients, as the layer contract says.
 */
public final class Conv2d implements Layer.Worker {
    private final Gemm gemm;
    private final ConvGeometry g;
    private final int filters;
    private final float[] kernel;
    private final float[] kernelGrad;
    private final float[] bias;
    private final float[] biasGrad;
    private final float[] biasSums;
    private final boolean inputGradient;
    private final Buffers outputs;
    private final Buffers gradInputs;
    private final Im2col im2col = new Im2col();
    private float[] unfolded;
    private Matrix input;

    /**
     * @param kernel        {@code patchSize x filters}: row-major, the 4-D array (kh, kw, in, out)
     * @param bias          {@code 1 x filters}, or null for a layer without bias (then biasGrad is ignored)
     * @param inputGradient false when nothing reads the input gradient (the first layer): backward returns null
     */
    public Conv2d(Gemm gemm, ConvGeometry g, int filters, Matrix kernel, Matrix kernelGrad, Matrix bias,
                  Matrix biasGrad, boolean inputGradient) {
        if (kernel.rows() != g.patchSize() || kernel.cols() != filters) {
            throw new IllegalArgumentException("kernel " + kernel.shape() + " does not fit " + g + " with " + filters
                    + " filters");
        }
        this.gemm = gemm;
        this.g = g;
        this.filters = filters;
        this.kernel = kernel.data();
        this.kernelGrad = kernelGrad.data();
        this.bias = bias == null ? null : bias.data();
        this.biasGrad = bias == null ? null : biasGrad.data();
        this.biasSums = new float[filters];
        this.inputGradient = inputGradient;
        this.outputs = new Buffers(g.outPixels() * filters);
        this.gradInputs = new Buffers(g.inputSize());
    }

    public ConvGeometry geometry() {
        return g;
    }

    /** Values per output example: outPixels x filters. */
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
        gemm.gemm(false, false, rows, filters, k, 1f, a, 0, k, kernel, 0, filters, 0f, out, 0, filters);
        if (bias != null) {
            VectorOps.addRowVector(out, rows, filters, bias);
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
        gemm.gemm(true, false, k, filters, rows, 1f, a, 0, k, dy, 0, filters, 1f, kernelGrad, 0, filters);
        if (bias != null) {
            VectorOps.sumColumns(dy, rows, filters, biasSums);
            VectorOps.axpy(1f, biasSums, biasGrad, filters);
        }
        OpTimes.stop(OpTimes.Kind.CONV_WEIGHT_GRADIENT, t0);
        long t1 = OpTimes.start();
        if (!inputGradient) {
            return null;
        }
        Matrix gradInput = gradInputs.get(batch);
        if (identity) {
            gemm.gemm(false, true, rows, k, filters, 1f, dy, 0, filters, kernel, 0, filters,
                    0f, gradInput.data(), 0, k);
        } else {
            gemm.gemm(false, true, rows, k, filters, 1f, dy, 0, filters, kernel, 0, filters,
                    0f, unfolded, 0, k);
            im2col.fold(unfolded, batch, g, gradInput.data());
        }
        OpTimes.stop(OpTimes.Kind.CONV_INPUT_GRADIENT, t1);
        return gradInput;
    }
}
