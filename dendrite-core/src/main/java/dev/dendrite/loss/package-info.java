/**
 * Loss functions: each maps a prediction and a target to one scalar tensor whose
 * {@link dev.dendrite.tensor.Tensor#backward()} starts backpropagation.
 *
 * <p>Losses built from tensor ops ({@link dev.dendrite.loss.MSE}, {@link dev.dendrite.loss.MAE},
 * {@link dev.dendrite.loss.Huber}) get their gradients from those ops. The two that work on logits
 * ({@link dev.dendrite.loss.BinaryCrossEntropy}, {@link dev.dendrite.loss.CrossEntropy}) are fused
 * autograd functions with an explicit backward, because the fused form is numerically stable where
 * the composed one overflows. {@link dev.dendrite.loss.Penalty} holds weight penalties (L1, L2) to
 * add to a loss.
 */
package dev.dendrite.loss;
