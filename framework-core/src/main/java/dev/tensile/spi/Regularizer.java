package dev.tensile.spi;

import dev.tensile.tensor.Matrix;

/**
 * Penalises complexity of the weights: either a penalty, a loss term with its gradient (L1, L2, elastic net), or a
 * constraint, a projection after each optimizer step (max-norm). Both act on the slots a layer declares
 * regularized (weights, not biases). Noise on activations, such as dropout, is a {@link Layer}.
 */
public interface Regularizer extends Plugin {

    /** Binds parameters; called once for each run that uses the regularizer. */
    Term create(Params params);

    /** A bound regularizer: a {@link WeightPenalty} or a {@link WeightConstraint}. */
    sealed interface Term permits WeightPenalty, WeightConstraint {
    }

    /** A loss term on each regularized weight array and its gradient. */
    non-sealed interface WeightPenalty extends Term {
        /** The loss term for one weight matrix, for a batch of {@code batchSize} examples. */
        double penalty(Matrix weights, int batchSize);

        /** Adds d(penalty)/d(weights) to {@code grad}. */
        void addGradient(Matrix weights, Matrix grad, int batchSize);
    }

    /**
     * Projects each regularized weight array back into an allowed set, after every optimizer step and before the
     * callbacks hear of the step.
     */
    non-sealed interface WeightConstraint extends Term {
        void constrain(Matrix weights);
    }
}
