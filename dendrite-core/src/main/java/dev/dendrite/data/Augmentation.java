package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.util.Random;

/**
 * A training-time change to each batch's inputs, such as {@link ImageShift}: applied by
 * {@link Batches#withAugmentation} after a batch is gathered, never to the dataset itself, and
 * never at evaluation.
 *
 * <p>All randomness comes from the {@code random} handed in, which {@link Batches} seeds from the
 * run's seed, the epoch and the batch's index alone: the same seed gives the same batches, and a run
 * resumed in the middle of an epoch sees the same changes as an uninterrupted one, with no state to
 * save. Implementations are immutable and thread-safe (they keep nothing between calls).
 */
public interface Augmentation {
    /**
     * Changes {@code features} ({@code [B, ...]}, one sample per row) in place, drawing only from
     * {@code random}, in a fixed order.
     *
     * @throws IllegalArgumentException if the rows do not have the shape this augmentation works on
     */
    void apply(Tensor features, Random random);
}
