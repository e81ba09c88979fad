package dev.dendrite.train;

/**
 * A model's figures on one dataset. Immutable.
 *
 * @param loss      mean loss per sample
 * @param accuracy  fraction classified correctly (NaN for regression)
 * @param confusion the confusion matrix (null for regression)
 * @param rmse      root mean squared error over all outputs (NaN for classification)
 * @param mae       mean absolute error over all outputs (NaN for classification)
 * @param samples   number of samples evaluated
 */
public record Evaluation(double loss, double accuracy, ConfusionMatrix confusion, double rmse, double mae,
                         int samples) {
}
