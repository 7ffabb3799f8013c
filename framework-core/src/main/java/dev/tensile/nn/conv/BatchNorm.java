package dev.tensile.nn.conv;

import java.util.List;

import dev.tensile.kernel.BatchNormKernels;
import dev.tensile.nn.Layer;
import dev.tensile.nn.Parameter;
import dev.tensile.tensor.Matrix;

/**
 * Batch normalization of {@code features} features: a dense layer's units, or an NHWC image's channels (each
 * normalized over the batch and all pixels). Training normalizes with the batch's mean and biased variance and
 * moves the running statistics toward them ({@code running = momentum running + (1 - momentum) batch}, the
 * variance unbiased); inference normalizes with the running statistics. Then {@code y = gamma xhat + beta}, gamma
 * starting at 1 and beta at 0; both are exempt from weight regularizers.
 */
public final class BatchNorm implements Layer {
    private final int size;
    private final int features;
    private final float momentum;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;
    private final Matrix runningMean;
    private final Matrix runningVar;
    private final String label;
    private final Scratch outputs;
    private final Scratch gradInputs;
    private final float[] mean;
    private final float[] variance;
    private final float[] invStd;
    private final double[] sums;
    private float[] xhat;
    private boolean batchStats;

    /**
     * @param size     values per example (features for vectors, h x w x features for images)
     * @param momentum in [0, 1): the weight of the old running statistics in each update
     * @param epsilon  positive: added to the variance before the square root
     */
    public BatchNorm(int size, int features, float momentum, float epsilon, String label) {
        if (features < 1 || size % features != 0) {
            throw new IllegalArgumentException(label + ": " + size + " values do not split into " + features + " features");
        }
        this.size = size;
        this.features = features;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.label = label;
        this.gamma = new Parameter(label + ".gamma", new Matrix(1, features), new Matrix(1, features), true);
        this.beta = new Parameter(label + ".beta", new Matrix(1, features), new Matrix(1, features), true);
        gamma.value().fill(1f);
        this.runningMean = new Matrix(1, features);
        this.runningVar = new Matrix(1, features);
        runningVar.fill(1f);
        this.outputs = new Scratch(size);
        this.gradInputs = new Scratch(size);
        this.mean = new float[features];
        this.variance = new float[features];
        this.invStd = new float[features];
        this.sums = new double[2 * features];
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    /** The running mean (1 x features), used in inference; saved with the model. */
    public Matrix runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance (1 x features), used in inference; saved with the model. */
    public Matrix runningVar() {
        return runningVar;
    }

    public float momentum() {
        return momentum;
    }

    public float epsilon() {
        return epsilon;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
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
            BatchNormKernels.updateRunning(runningMean.data(), runningVar.data(), mean, variance, rows, features, momentum);
            BatchNormKernels.inverseStd(variance, epsilon, features, invStd);
            BatchNormKernels.normalize(in.data(), rows, features, mean, invStd, gamma.value().data(),
                    beta.value().data(), xhat, out.data());
        } else {
            BatchNormKernels.inverseStd(runningVar.data(), epsilon, features, invStd);
            BatchNormKernels.normalize(in.data(), rows, features, runningMean.data(), invStd, gamma.value().data(),
                    beta.value().data(), xhat, out.data());
        }
        return out;
    }

    @Override
    public Matrix backward(Matrix gradOut) {
        int batch = gradOut.rows();
        int rows = batch * (size / features);
        Matrix gradIn = gradInputs.get(batch);
        BatchNormKernels.backward(gradOut.data(), xhat, rows, features, gamma.value().data(), invStd, batchStats,
                gamma.grad().data(), beta.grad().data(), gradIn.data(), sums);
        return gradIn;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public String describe() {
        return "batch-norm " + features;
    }

    @Override
    public String toString() {
        return label;
    }
}
