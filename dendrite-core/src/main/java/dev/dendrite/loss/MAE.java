package dev.dendrite.loss;

import dev.dendrite.tensor.Tensor;

/**
 * Mean absolute error: {@code mean(|prediction - target|)} over all elements ({@code sum} with
 * {@link Reduction#SUM}).
 *
 * <p>Less swayed by outliers than {@link MSE}. The gradient is {@code sign(prediction - target) / n},
 * taken as 0 where the prediction equals the target. The target must have the prediction's shape.
 *
 * <p>Immutable and thread-safe.
 */
public final class MAE extends Loss {
    /** With {@link Reduction#MEAN}. */
    public MAE() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public MAE(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        requireSameShape(prediction, target);
        return reduce(prediction.sub(target).abs());
    }
}
