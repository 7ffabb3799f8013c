package dev.tensile.nn.conv;

import java.util.function.IntConsumer;

import dev.tensile.kernel.ComputePool;
import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.Im2col;
import dev.tensile.kernel.VectorOps;
import dev.tensile.spi.Layer;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/**
 * A 2-D convolution over NHWC images as GEMMs over unfolded images ({@link Im2col}): the unfolded images are a
 * {@code (images x outPixels) x patchSize} matrix, the kernel a {@code patchSize x filters} matrix, i.e. the 4-D
 * array {@code (kh, kw, in, out)}, and their product is the NHWC output.
 *
 * <p>The batch is cut into chunks of a few images (about {@value #CHUNK_BYTES} bytes of unfolded values, at most an
 * eighth of the batch), and each chunk is one task on the {@link ComputePool}: unfold it into its thread's chunk
 * buffer, multiply it while it is still in cache, add the bias. Backward, per chunk: unfold it again, its shares of
 * the kernel gradient ({@code unfoldedᵀ · dOut}) and of the bias gradient (into buffers of their own), then
 * {@code dInput = fold(dOut · kernelᵀ)}, written over the chunk's unfolded values and folded while they are in
 * cache. The gradients are the sums of the chunks' shares in chunk order, and chunks depend on the batch size alone,
 * so every thread count gives the same bits. Why chunks and not one GEMM over the whole batch (measured in B3, see
 * benchmarks/README.md): the unfolded batch (29 MB for B3's second convolution) went to memory and back between the
 * unfolding, the GEMM's packing and the folding; and a chunk per thread needs no barrier inside the GEMM, which the
 * GEMM's own threading has twice per depth slice. The GEMMs called from a task run on that task's thread, through
 * {@link Gemm#gemmInCache}: the chunk is in L2, so they read it where it lies rather than pack it first (packing
 * cost as much as the multiply-adds). Why unfold twice rather than keep the batch's unfolded values for the
 * backward pass: a buffer per thread stays in L2, while one as large as the batch went to memory and back.
 *
 * <p>With {@code relu}, the layer applies relu itself (the engine's activation fused in, see
 * {@code Layer.Plan#fusesActivation}): forward, to each chunk's output right after its bias; backward, to each
 * chunk of the output gradient, into a second buffer per thread, before both GEMMs read it. A separate relu stage
 * streamed the whole batch of feature maps (12.8 MB for B3's first convolution) through memory twice each way.
 *
 * <p>Windows with few values per tap row (a first layer's one or three channels, {@link Im2col#narrow}) unfold
 * tap-major, into the transpose of the unfolded chunk, and the GEMMs read it transposed: each tap's values along a
 * row of pixels are then one contiguous run. A 1x1 convolution with stride 1 and no padding skips the unfolding.
 * Backward adds to the gradients, as the layer contract says.
 */
public final class Conv2d implements Layer.Worker, IntConsumer {
    /** Unfolded values per chunk: well inside L2 (2 MiB per core on the Xeon measured, 512 KiB on Zen 3). */
    static final int CHUNK_BYTES = 1 << 20;

    private final Gemm gemm;
    private final ConvGeometry g;
    private final int filters;
    private final float[] kernel;
    private final float[] kernelGrad;
    private final float[] bias;
    private final float[] biasGrad;
    private final boolean relu;
    private final boolean inputGradient;
    private final Buffers outputs;
    private final Buffers gradInputs;
    /** Per thread, one chunk of unfolded values (grown to the largest chunk seen), shared by every layer. */
    private static final ThreadLocal<float[][]> CHUNK_BUFFER = ThreadLocal.withInitial(() -> new float[1][0]);
    /** Per thread, one chunk of the output gradient after relu's mask. */
    private static final ThreadLocal<float[][]> MASKED_BUFFER = ThreadLocal.withInitial(() -> new float[1][0]);

    private final ComputePool pool = ComputePool.shared();
    private float[] kernelShares;
    private float[] biasShares;
    private Matrix input;
    private Matrix output;
    // the running call, for accept(task)
    private boolean backward;
    private int batch;
    private int chunk;
    private float[] out;
    private float[] dy;
    private float[] dx;
    private final OpTimes.Share inputShare = new OpTimes.Share();

    /**
     * @param kernel        {@code patchSize x filters}: row-major, the 4-D array (kh, kw, in, out)
     * @param bias          {@code 1 x filters}, or null for a layer without bias (then biasGrad is ignored)
     * @param inputGradient false when nothing reads the input gradient (the first layer): backward returns null
     */
    public Conv2d(Gemm gemm, ConvGeometry g, int filters, Matrix kernel, Matrix kernelGrad, Matrix bias,
                  Matrix biasGrad, boolean inputGradient) {
        this(gemm, g, filters, kernel, kernelGrad, bias, biasGrad, false, inputGradient);
    }

    /** As above; with {@code relu} the output is relu's, and backward takes the gradient of that. */
    public Conv2d(Gemm gemm, ConvGeometry g, int filters, Matrix kernel, Matrix kernelGrad, Matrix bias,
                  Matrix biasGrad, boolean relu, boolean inputGradient) {
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
        this.relu = relu;
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

    /** Images per chunk for a batch: about CHUNK_BYTES of unfolded values, at most an eighth of the batch. */
    static int chunk(ConvGeometry g, int batch) {
        long perImage = 4L * g.outPixels() * g.patchSize();
        long byBytes = Math.max(1, CHUNK_BYTES / perImage);
        return (int) Math.max(1, Math.min(byBytes, (batch + 7) / 8));
    }

    @Override
    public Matrix forward(Matrix in, boolean training) {
        long t0 = OpTimes.start();
        output = outputs.get(in.rows());
        start(false, in.rows());
        input = in;
        out = output.data();
        try {
            pool.run(pool.threads(), tasks(), this);
        } finally {
            out = null;
        }
        OpTimes.stop(OpTimes.Kind.CONV_FORWARD, t0);
        return output;
    }

    @Override
    public Matrix backward(Matrix gradOut) {
        long t0 = OpTimes.start();
        int k = g.patchSize();
        start(true, gradOut.rows());
        int tasks = tasks();
        kernelShares = Scratch.atLeast(kernelShares, (long) tasks * k * filters);
        biasShares = Scratch.atLeast(biasShares, (long) tasks * filters);
        Matrix gradInput = inputGradient ? gradInputs.get(batch) : null;
        dy = gradOut.data();
        dx = gradInput == null ? null : gradInput.data();
        try {
            pool.run(pool.threads(), tasks, this);
        } finally {
            dx = null;
        }
        // the chunks' shares in chunk order: the same sums whatever thread ran which chunk
        int size = k * filters;
        for (int t = 0; t < tasks; t++) {
            int from = t * size;
            for (int i = 0; i < size; i++) {
                kernelGrad[i] += kernelShares[from + i];
            }
        }
        if (bias != null) {
            for (int t = 0; t < tasks; t++) {
                for (int f = 0; f < filters; f++) {
                    biasGrad[f] += biasShares[t * filters + f];
                }
            }
        }
        dy = null;
        // the two gradients run interleaved, chunk by chunk: the pass's time is split as the tasks' times split
        OpTimes.split(OpTimes.Kind.CONV_WEIGHT_GRADIENT, OpTimes.Kind.CONV_INPUT_GRADIENT, t0, inputShare);
        return gradInput;
    }

    private void start(boolean backward, int batch) {
        this.backward = backward;
        this.batch = batch;
        this.chunk = chunk(g, batch);
    }

    private int tasks() {
        return (batch + chunk - 1) / chunk;
    }

    @Override
    public void accept(int task) {
        int n0 = task * chunk;
        int n1 = Math.min(batch, n0 + chunk);
        int k = g.patchSize();
        int rows = (n1 - n0) * g.outPixels();
        int row0 = n0 * g.outPixels();
        float[] a;
        int aOffset;
        long t0 = OpTimes.start();
        // the unfolded chunk is rows x k, or its transpose (k x rows) for narrow windows: lda says which
        boolean tapMajor = !g.isIdentity() && Im2col.narrow(g);
        int lda = tapMajor ? rows : k;
        if (g.isIdentity()) {
            a = input.data();
            aOffset = row0 * k;
        } else {
            a = buffer(CHUNK_BUFFER, (long) rows * k);
            aOffset = 0;
            if (tapMajor) {
                Im2col.unfoldImagesTapMajor(input.data(), n0, n1, g, a);
            } else {
                Im2col.unfoldImages(input.data(), n0, n1, g, a);
            }
        }
        if (!backward) {
            gemm.gemmInCache(tapMajor, false, rows, filters, k, 1f, a, aOffset, lda, kernel, 0, filters,
                    0f, out, row0 * filters, filters);
            if (bias != null) {
                VectorOps.addRowVector(out, row0 * filters, rows, filters, bias);
            }
            if (relu) {
                VectorOps.relu(out, out, row0 * filters, (row0 + rows) * filters);
            }
            return;
        }
        // the output gradient of this chunk, through relu's mask when the layer applies relu
        float[] gy = dy;
        int gyOffset = row0 * filters;
        if (relu) {
            gy = buffer(MASKED_BUFFER, (long) rows * filters);
            gyOffset = 0;
            VectorOps.reluBackward(output.data(), dy, row0 * filters, gy, 0, rows * filters);
        }
        if (bias != null) {
            VectorOps.sumColumns(gy, gyOffset, rows, filters, biasShares, task * filters);
        }
        gemm.gemmInCache(!tapMajor, false, k, filters, rows, 1f, a, aOffset, lda, gy, gyOffset, filters,
                0f, kernelShares, task * k * filters, filters);
        long t1 = OpTimes.start();
        inputShare.add(t0, t1, false);
        if (dx == null) {
            return;
        }
        if (g.isIdentity()) {
            gemm.gemmInCache(false, true, rows, k, filters, 1f, gy, gyOffset, filters, kernel, 0, filters,
                    0f, dx, row0 * k, k);
        } else {
            gemm.gemmInCache(false, true, rows, k, filters, 1f, gy, gyOffset, filters, kernel, 0, filters,
                    0f, a, 0, k);
            Im2col.foldImages(a, n0, n1, g, dx);
        }
        inputShare.add(t1, OpTimes.start(), true);
    }

    /** This thread's buffer of a kind, at least {@code size} values. */
    private static float[] buffer(ThreadLocal<float[][]> kind, long size) {
        float[][] holder = kind.get();
        if (holder[0].length < size) {
            holder[0] = Scratch.atLeast(null, size);
        }
        return holder[0];
    }
}
