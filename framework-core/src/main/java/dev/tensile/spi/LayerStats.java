package dev.tensile.spi;

/**
 * What the diagnostics see of one layer at one step: how its outputs are spread and how large its weight
 * gradient is. Exploding activations show as a growing std layer after layer; vanishing gradients as norms that
 * shrink toward the input.
 *
 * @param layer              the layer's description, e.g. {@code layer 2 (dense 64)} or {@code relu}
 * @param activationMean     mean of the layer's outputs over the batch
 * @param activationStd      standard deviation of the layer's outputs over the batch
 * @param weightGradientNorm L2 norm of the layer's weight gradient, NaN for layers without weights
 */
public record LayerStats(String layer, double activationMean, double activationStd, double weightGradientNorm)
        implements java.io.Serializable {
}
