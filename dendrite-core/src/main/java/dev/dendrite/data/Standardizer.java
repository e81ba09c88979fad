package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * Standardisation (z-scores): each feature column {@code j} becomes
 * <pre>
 *   y = (x - mean_j) / std_j
 * </pre>
 * with the mean and the population standard deviation (divided by N) of that column in the
 * training set, so that the training features have mean 0 and standard deviation 1. A constant
 * column ({@code std_j = 0}) is only centred, to 0. Statistics are computed in double precision.
 *
 * <p>Example: {@code Normalizer n = Standardizer.fit(train); Dataset test2 = n.apply(test);}
 *
 * <p>Immutable and thread-safe.
 */
public final class Standardizer implements Normalizer {
    /** The kind written first in {@link #toMetadata()} and accepted by {@link Normalizer#fit(String, Dataset)}. */
    public static final String KIND = "standard";

    private final double[] mean;
    private final double[] standardDeviation;

    private Standardizer(double[] mean, double[] standardDeviation) {
        this.mean = mean;
        this.standardDeviation = standardDeviation;
    }

    /** Fits on the features of {@code training}: one mean and deviation per value of a row. */
    public static Standardizer fit(Dataset training) {
        return fit(training.features());
    }

    /** Fits on {@code features} {@code [N, ...]}, N at least 1. */
    public static Standardizer fit(Tensor features) {
        int columns = AffineColumns.rowLength("Standardizer.fit", features);
        double[] mean = AffineColumns.mean(features.data(), columns);
        return new Standardizer(mean, AffineColumns.standardDeviation(features.data(), columns, mean));
    }

    /** Reads {@code standard;mean=...;std=...} as written by {@link #toMetadata()}. */
    static Standardizer fromMetadata(String metadata) {
        double[][] lists = AffineColumns.parse(metadata, KIND, "mean", "std");
        for (double deviation : lists[1]) {
            Validate.argument(deviation >= 0, "Normalizer.fromMetadata", "standard deviations >= 0", deviation);
        }
        return new Standardizer(lists[0], lists[1]);
    }

    /** The mean of each feature column, a copy. */
    public double[] mean() {
        return mean.clone();
    }

    /** The population standard deviation of each feature column (0 for a constant one), a copy. */
    public double[] standardDeviation() {
        return standardDeviation.clone();
    }

    @Override
    public double[] offset() {
        return mean();
    }

    @Override
    public double[] scale() {
        return standardDeviation();
    }

    @Override
    public int featureCount() {
        return mean.length;
    }

    @Override
    public Tensor apply(Tensor features) {
        return AffineColumns.apply("Standardizer.apply", features, mean, standardDeviation);
    }

    @Override
    public String toMetadata() {
        return KIND + ";" + AffineColumns.format("mean", mean) + ";" + AffineColumns.format("std", standardDeviation);
    }

    /** For example {@code Standardizer(4 features)}. */
    @Override
    public String toString() {
        return "Standardizer(" + mean.length + " features)";
    }
}
