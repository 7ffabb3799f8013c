package dev.tensile.spi;

import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Penalises complexity. A regularizer acts on weights (L1, L2: a loss term and its gradient; max-norm: a
 * projection after each step) or on activations (dropout: a mask in training, nothing at inference); its
 * {@link Term} overrides what applies.
 */
public interface Regularizer extends Plugin {

    /** Binds parameters; called once for each place the regularizer is used. */
    Term create(Params params);

    /** A bound regularizer. The defaults do nothing, so a term overrides only what it acts on. */
    interface Term {
        /** The loss term for one weight matrix, for a batch of {@code batchSize} examples. */
        default double penalty(Matrix weights, int batchSize) {
            return 0;
        }

        /** Adds d(penalty)/d(weights) to {@code grad}. */
        default void addGradient(Matrix weights, Matrix grad, int batchSize) {
        }

        /**
         * Projects a weight matrix back into an allowed set after each optimizer step (max-norm does this); the
         * default leaves it alone. Called for every non-bias parameter, after the step and before callbacks.
         */
        default void constrain(Matrix weights) {
        }

        /** True for terms that act on activations, such as dropout, which then become a layer. */
        default boolean actsOnActivations() {
            return false;
        }

        /** Transforms activations in place; in inference mode ({@code training} false) it must be the identity. */
        default void forward(Matrix activations, boolean training, Rng rng) {
        }

        /** Applies to the gradient what forward applied to the activations. */
        default void backward(Matrix grad) {
        }
    }
}
