/**
 * Data for training and evaluation: the immutable {@link dev.dendrite.data.Dataset}, mini-batching
 * with reproducible shuffling ({@link dev.dendrite.data.Batches}), seeded generated sets
 * ({@link dev.dendrite.data.Spiral}, {@link dev.dendrite.data.Xor}, {@link dev.dendrite.data.Moons},
 * {@link dev.dendrite.data.Sine}, {@link dev.dendrite.data.PiecewiseLinear}) and file readers
 * ({@link dev.dendrite.data.Idx} for the IDX format, {@link dev.dendrite.data.Mnist} and
 * {@link dev.dendrite.data.FashionMnist} on top of it; {@link dev.dendrite.data.Csv} with
 * {@link dev.dendrite.data.CsvOptions} for tables), the bundled small sets
 * ({@link dev.dendrite.data.Bundled}: digits, iris), feature scaling fitted on a training split
 * ({@link dev.dendrite.data.Normalizer}: {@link dev.dendrite.data.Standardizer},
 * {@link dev.dendrite.data.MinMaxScaler}), {@link dev.dendrite.data.OneHot}, and verified
 * downloads ({@link dev.dendrite.data.Downloader}, listed in {@link dev.dendrite.data.DatasetCatalog}).
 *
 * <p>Everything here sits beside the tensor layer: it produces {@link dev.dendrite.tensor.Tensor}s
 * and knows nothing of modules, losses or training. Malformed files raise
 * {@link dev.dendrite.data.DataFormatException}, whose message names the file and the byte offset
 * or the expected and found values.
 */
package dev.dendrite.data;
