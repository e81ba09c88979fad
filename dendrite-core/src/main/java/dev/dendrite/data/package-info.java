/**
 * Data for training and evaluation: the immutable {@link dev.dendrite.data.Dataset}, mini-batching
 * with reproducible shuffling ({@link dev.dendrite.data.Batches}), seeded generated sets
 * ({@link dev.dendrite.data.Spiral}, {@link dev.dendrite.data.Xor}, {@link dev.dendrite.data.Moons},
 * {@link dev.dendrite.data.Sine}, {@link dev.dendrite.data.PiecewiseLinear}) and file readers
 * ({@link dev.dendrite.data.Idx} for the IDX format, {@link dev.dendrite.data.Mnist} and
 * {@link dev.dendrite.data.FashionMnist} on top of it).
 *
 * <p>Everything here sits beside the tensor layer: it produces {@link dev.dendrite.tensor.Tensor}s
 * and knows nothing of modules, losses or training. Malformed files raise
 * {@link dev.dendrite.data.DataFormatException}, whose message names the file and the byte offset
 * or the expected and found values.
 */
package dev.dendrite.data;
