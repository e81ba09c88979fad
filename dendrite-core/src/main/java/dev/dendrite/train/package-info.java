/**
 * The training loop ({@link dev.dendrite.train.Trainer}), evaluation, metrics (accuracy, confusion
 * matrix, precision/recall/F1), the per-epoch {@link dev.dendrite.train.History} (with per-layer
 * gradient norms and dead ReLU fractions), callbacks such as early stopping, the progress bar, and
 * checkpoints that let an interrupted run resume bit for bit ({@link dev.dendrite.train.CheckpointPolicy},
 * {@link dev.dendrite.train.Trainer#resume}; see docs/checkpoints.md).
 */
package dev.dendrite.train;
