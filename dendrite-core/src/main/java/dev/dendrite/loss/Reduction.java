package dev.dendrite.loss;

/**
 * How a loss turns its per-element (or per-sample) values into one scalar.
 *
 * <p>{@link #MEAN} keeps the loss, and so the gradient, independent of the batch size, which is why
 * it is the default everywhere; {@link #SUM} matches textbook formulas written as a plain sum.
 */
public enum Reduction {
    /** The average over the batch (over all elements for element-wise losses). */
    MEAN,
    /** The plain sum. */
    SUM
}
