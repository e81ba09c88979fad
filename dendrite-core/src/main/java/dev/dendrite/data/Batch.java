package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;

/**
 * One mini-batch: {@code features} {@code [B, ...features]} and {@code targets} {@code [B]} (class
 * indices as floats) or {@code [B, T]} (regression values), row i of one matching row i of the other.
 *
 * <p>The tensors are fresh copies made for this batch; changing them does not touch the dataset.
 *
 * @param features the inputs, {@code [B, ...features]}
 * @param targets the targets, {@code [B]} or {@code [B, T]}
 */
public record Batch(Tensor features, Tensor targets) {
    /** The number of rows B. */
    public int size() {
        return features.shape().dim(0);
    }
}
