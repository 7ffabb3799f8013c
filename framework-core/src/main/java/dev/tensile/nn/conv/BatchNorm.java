package dev.tensile.nn.conv;

import dev.tensile.kernel.BatchNormKernels;
import dev.tensile.spi.Layer;
import dev.tensile.tensor.Buffers;
import dev.tensile.tensor.Matrix;

/**
 * Batch normalization of {@code features} features: a dense layer's units, or an NHWC image's channels (each
 * normalized over the batch and all pixels). Training normalizes with the batch's mean and biased variance and
 * moves the running statistics toward them ({@code running = momentum running + (1 - momentum) batch}, the
 * variance unbiased); inference normalizes with the running statistics. Then {@code y = gamma xhat + beta}, gamma
 * starting at 1 and beta at 0 (the caller's arrays). Backward adds to the gradients.
 */
public final class BatchNorm implements Layer.Worker {
    private final int size;
    private final int features;
    private final float momentum;
    private final float epsilon;
    private final float[] gamma;
    private final float[] gammaGrad;
    private final float[] beta;
    private final float[] betaGrad;
    private final float[] runningMean;
    private final float[] runningVar;
    private final boolean inputGradient;
    private final Buffers outputs;
    private final Buffers gradInputs;
    private final float[] mean;
    private final float[] variance;
    private final float[] invStd;
    private final double[] sums;
    private float[] xhat;
    private boolean batchStats;

    /**
     * @param size          values per example (features for vectors, h x w x features for images)
     * @param momentum      in [0, 1): the weight of the old running statistics in each update
     * @param epsilon       positive: added to the variance before the square root
     * @param gamma         the scale, {@code 1 x features}; {@code beta} the shift; their gradients alike
     * @param runningMean   {@code 1 x features}, updated in training and used in inference; {@code runningVar} alike
     * @param inputGradient false when nothing reads the input gradient (the first layer): backward returns null
     */
    public BatchNorm(int size, int features, float momentum, float epsilon, Matrix gamma, Matrix gammaGrad, Matrix beta,
                     Matrix betaGrad, Matrix runningMean, Matrix runningVar, boolean inputGradient) {
        if (features < 1 || size % features != 0) {
            throw new IllegalArgumentException(size + " values do not split into " + features + " features");
        }
        this.size = size;
        this.features = features;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.gamma = gamma.data();
        this.gammaGrad = gammaGrad.data();
        this.beta = beta.data();
        this.betaGrad = betaGrad.data();
        this.runningMean = runningMean.data();
        this.runningVar = runningVar.data();
        this.inputGradient = inputGradient;
        this.outputs = new Buffers(size);
        this.gradInputs = new Buffers(size);
        this.mean = new float[features];
        this.variance = new float[features];
        this.invStd = new float[features];
        this.sums = new double[2 * features];
    }

    @Override
    public Matrix forward(Matrix in, boolean training) {
        int batch = in.rows();
        int rows = batch * (size / features);
        Matrix out = outputs.get(batch);
        xhat = Scratch.atLeast(xhat, (long) batch * size);
        batchStats = training;
        if (training) {
            BatchNormKernels.moments(in.data(), rows, features, mean, variance, sums);
            BatchNormKernels.updateRunning(runningMean, runningVar, mean, variance, rows, features, momentum);
            BatchNormKernels.inverseStd(variance, epsilon, features, invStd);
            BatchNormKernels.normalize(in.data(), rows, features, mean, invStd, gamma, beta, xhat, out.data());
        } else {
            BatchNormKernels.inverseStd(runningVar, epsilon, features, invStd);
            BatchNormKernels.normalize(in.data(), rows, features, runningMean, invStd, gamma, beta, xhat, out.data());
        }
        return out;
    }

    @Override
    public Matrix backward(Matrix gradOut) {
        int batch = gradOut.rows();
        int rows = batch * (size / features);
        Matrix gradIn = inputGradient ? gradInputs.get(batch) : null;
        BatchNormKernels.backward(gradOut.data(), xhat, rows, features, gamma, invStd, batchStats, gammaGrad, betaGrad,
                gradIn == null ? null : gradIn.data(), sums);
        return gradIn;
    }
}
