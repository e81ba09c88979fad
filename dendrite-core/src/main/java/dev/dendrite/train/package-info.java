/**
 * The training loop ({@link dev.dendrite.train.Trainer}), evaluation, metrics (accuracy, confusion matrix, precision/recall/F1), the per-epoch {@link dev.dendrite.train.History}, callbacks such as early stopping, and the progress bar.
 */
package dev.dendrite.train;
