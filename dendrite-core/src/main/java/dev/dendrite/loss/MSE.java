package dev.dendrite.loss;

import dev.dendrite.tensor.Tensor;

/**
 * Mean squared error: {@code mean((prediction - target)^2)} over all elements ({@code sum} with
 * {@link Reduction#SUM}).
 *
 * <p>The target must have the prediction's shape, for example {@code [N, 1]} for both; a target
 * of {@code [N]} against a prediction of {@code [N, 1]} is rejected rather than broadcast to
 * {@code [N, N]}. The gradient is {@code 2 (prediction - target) / n}, composed from tensor ops.
 *
 * <p>Immutable and thread-safe.
 */
public final class MSE extends Loss {
    /** With {@link Reduction#MEAN}. */
    public MSE() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public MSE(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        requireSameShape(prediction, target);
        Tensor difference = prediction.sub(target);
        return reduce(difference.mul(difference));
    }
}
