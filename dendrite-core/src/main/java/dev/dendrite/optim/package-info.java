/**
 * Optimizers, learning-rate schedules and gradient clipping: everything that turns the gradients
 * left by {@code backward()} into parameter updates.
 *
 * <p>An {@link dev.dendrite.optim.Optimizer} updates its parameters' {@code data()} in place with
 * plain float loops, one pass per parameter and no tensor allocation per step. A
 * {@link dev.dendrite.optim.LearningRateSchedule} says what the learning rate is at each epoch;
 * the training loop applies it with {@link dev.dendrite.optim.Optimizer#setLearningRate}.
 * {@link dev.dendrite.optim.GradientClipping} rescales gradients between {@code backward()} and
 * {@code step()}.
 */
package dev.dendrite.optim;
