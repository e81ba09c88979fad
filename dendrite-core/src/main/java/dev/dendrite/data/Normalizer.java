package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * Rescales each feature with statistics learned from the training split, so that features of very
 * different ranges (pixel counts 0 to 16 beside ratios near 1) reach the first layer on one scale.
 *
 * <p>Fit on the training set only and apply the same normaliser to the validation and test sets:
 * statistics taken from all of the data would leak the held-out rows into training. Every
 * normaliser is an affine map per feature column {@code j}, {@code y = (x - offset_j) / scale_j}:
 * <ul>
 *   <li>{@link Standardizer}: {@code offset = mean}, {@code scale = standard deviation};</li>
 *   <li>{@link MinMaxScaler}: {@code offset = min}, {@code scale = max - min}.</li>
 * </ul>
 * A constant column has scale 0; it is divided by 1 instead, so it maps to 0 rather than to NaN.
 *
 * <p>{@link #toMetadata()} writes the statistics as one line of text, for example
 * {@code standard;mean=5.84,3.05;std=0.82,0.43}, which a model file can store beside its weights;
 * {@link #fromMetadata} reads it back to an equal normaliser. Implementations are immutable and
 * thread-safe.
 */
public sealed interface Normalizer permits Standardizer, MinMaxScaler {

    /** The offset subtracted from each feature column (mean or minimum), a copy. */
    double[] offset();

    /** The divisor of each feature column (standard deviation or max - min; 0 for a constant column), a copy. */
    double[] scale();

    /** The number of feature values per row it was fitted on (the product of the feature shape). */
    int featureCount();

    /**
     * The normalised copy of {@code features}: {@code [N, ...]} with {@link #featureCount()} values per
     * row, or a single row {@code [featureCount]}. The input is not changed and no gradient is recorded.
     */
    Tensor apply(Tensor features);

    /** A dataset with the same name, targets and classes as {@code dataset} and normalised features. */
    default Dataset apply(Dataset dataset) {
        return new Dataset(dataset.name(), apply(dataset.features()), dataset.targets(), dataset.numClasses(),
                dataset.isClassification() ? dataset.classNames() : java.util.List.of(), dataset.imageShape());
    }

    /** The kind and statistics as one line, {@code kind;name=v1,v2,...;name=v1,v2,...}; see {@link #fromMetadata}. */
    String toMetadata();

    /**
     * Fits the normaliser called {@code kind} ({@code standard} or {@code minmax}) on the features
     * of {@code training}.
     */
    static Normalizer fit(String kind, Dataset training) {
        switch (kind) {
            case Standardizer.KIND:
                return Standardizer.fit(training);
            case MinMaxScaler.KIND:
                return MinMaxScaler.fit(training);
            default:
                throw Validate.fail("Normalizer.fit",
                        "a kind '" + Standardizer.KIND + "' or '" + MinMaxScaler.KIND + "'", "'" + kind + "'");
        }
    }

    /**
     * The normaliser that {@link #toMetadata()} wrote.
     *
     * @throws IllegalArgumentException when the text is not such a line (unknown kind, missing or
     *     non-finite statistics, lists of different lengths)
     */
    static Normalizer fromMetadata(String metadata) {
        String kind = metadata.substring(0, Math.max(0, metadata.indexOf(';')));
        switch (kind) {
            case Standardizer.KIND:
                return Standardizer.fromMetadata(metadata);
            case MinMaxScaler.KIND:
                return MinMaxScaler.fromMetadata(metadata);
            default:
                throw Validate.fail("Normalizer.fromMetadata",
                        "'" + Standardizer.KIND + ";...' or '" + MinMaxScaler.KIND + ";...'", "'" + metadata + "'");
        }
    }
}
