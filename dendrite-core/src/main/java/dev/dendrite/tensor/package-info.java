/**
 * Tensors: {@link dev.dendrite.tensor.Tensor} (float32, N-dimensional, row-major), {@link dev.dendrite.tensor.Shape}, creation, broadcasting element-wise ops, reductions and matrix products, and the one helper that words every error ({@link dev.dendrite.tensor.Validate}).
 */
package dev.dendrite.tensor;
