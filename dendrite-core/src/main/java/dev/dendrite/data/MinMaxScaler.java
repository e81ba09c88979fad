package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * Min-max scaling: each feature column {@code j} becomes
 * <pre>
 *   y = (x - min_j) / (max_j - min_j)
 * </pre>
 * with the minimum and maximum of that column in the training set, so that the training features
 * lie in {@code [0, 1]}; other sets may fall outside where they exceed the training range. A
 * constant column ({@code max_j = min_j}) maps to 0.
 *
 * <p>Example: {@code Normalizer n = MinMaxScaler.fit(train); Dataset test2 = n.apply(test);}
 *
 * <p>Immutable and thread-safe.
 */
public final class MinMaxScaler implements Normalizer {
    /** The kind written first in {@link #toMetadata()} and accepted by {@link Normalizer#fit(String, Dataset)}. */
    public static final String KIND = "minmax";

    private final double[] min;
    private final double[] max;
    private final double[] range;

    private MinMaxScaler(double[] min, double[] max) {
        this.min = min;
        this.max = max;
        this.range = new double[min.length];
        for (int j = 0; j < min.length; j++) {
            range[j] = max[j] - min[j];
        }
    }

    /** Fits on the features of {@code training}: one minimum and maximum per value of a row. */
    public static MinMaxScaler fit(Dataset training) {
        return fit(training.features());
    }

    /** Fits on {@code features} {@code [N, ...]}, N at least 1. */
    public static MinMaxScaler fit(Tensor features) {
        int columns = AffineColumns.rowLength("MinMaxScaler.fit", features);
        return new MinMaxScaler(AffineColumns.extreme(features.data(), columns, false),
                AffineColumns.extreme(features.data(), columns, true));
    }

    /** Reads {@code minmax;min=...;max=...} as written by {@link #toMetadata()}. */
    static MinMaxScaler fromMetadata(String metadata) {
        double[][] lists = AffineColumns.parse(metadata, KIND, "min", "max");
        for (int j = 0; j < lists[0].length; j++) {
            Validate.argument(lists[0][j] <= lists[1][j], "Normalizer.fromMetadata", "min <= max in every column",
                    "min " + lists[0][j] + " > max " + lists[1][j] + " in column " + j);
        }
        return new MinMaxScaler(lists[0], lists[1]);
    }

    /** The minimum of each feature column, a copy. */
    public double[] min() {
        return min.clone();
    }

    /** The maximum of each feature column, a copy. */
    public double[] max() {
        return max.clone();
    }

    @Override
    public double[] offset() {
        return min();
    }

    @Override
    public double[] scale() {
        return range.clone();
    }

    @Override
    public int featureCount() {
        return min.length;
    }

    @Override
    public Tensor apply(Tensor features) {
        return AffineColumns.apply("MinMaxScaler.apply", features, min, range);
    }

    @Override
    public String toMetadata() {
        return KIND + ";" + AffineColumns.format("min", min) + ";" + AffineColumns.format("max", max);
    }

    /** For example {@code MinMaxScaler(64 features)}. */
    @Override
    public String toString() {
        return "MinMaxScaler(" + min.length + " features)";
    }
}
