package dev.dendrite.cli;

import dev.dendrite.data.Csv;
import dev.dendrite.data.CsvOptions;
import dev.dendrite.data.DataFormatException;
import dev.dendrite.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads a CSV file's label column as classes for {@code train}, and tells a numeric target apart:
 * a label column of numbers that are not class indices (3.7, -2), or of so many whole numbers
 * that most would be a class of one or two rows, asks for a regression loss ({@code --loss mse})
 * instead of failing on a cell or training thousands of classes. Stateless.
 */
final class CsvTarget {
    /** Fewer classes than this are always taken as classes, however few rows each has. */
    static final int FEW_CLASSES = 20;

    private CsvTarget() {
    }

    /**
     * The file read with class labels.
     *
     * @throws UsageException      if the labels are a numeric target, naming {@code --loss mse}
     * @throws DataFormatException if the file is bad in any other way
     */
    static Dataset readClasses(Path file, CsvOptions options) throws IOException {
        Dataset classes;
        try {
            classes = Csv.read(file, options);
        } catch (DataFormatException e) {
            Dataset numeric = numericOrNull(file, options);
            if (numeric == null) {
                throw e;
            }
            throw numericTarget(file, options, numeric);
        }
        if (wholeNumberClasses(classes) && classes.numClasses() >= FEW_CLASSES
                && classes.numClasses() > classes.size() / 2) {
            throw numericTarget(file, options, Csv.read(file, options.regression()));
        }
        return classes;
    }

    /** Whether the classes came from whole-number labels: named 0, 1, ..., n - 1. */
    private static boolean wholeNumberClasses(Dataset data) {
        for (int c = 0; c < data.numClasses(); c++) {
            if (!data.classNames().get(c).equals(Integer.toString(c))) {
                return false;
            }
        }
        return true;
    }

    private static Dataset numericOrNull(Path file, CsvOptions options) throws IOException {
        try {
            return Csv.read(file, options.regression());
        } catch (DataFormatException e) {
            return null;
        }
    }

    private static UsageException numericTarget(Path file, CsvOptions options, Dataset numeric) {
        float[] targets = numeric.targets().data();
        TreeSet<Float> distinct = new TreeSet<>();
        for (float target : targets) {
            distinct.add(target);
        }
        return new UsageException(String.format(Locale.ROOT, "--data: expected class labels in column '%s' of %s "
                + "for a classifier, got a numeric target (%d distinct values from %s to %s in %d rows); train a "
                + "regression model on it with --loss mse", options.labelName(), file, distinct.size(),
                shown(distinct.first()), shown(distinct.last()), targets.length));
    }

    private static String shown(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value) : Float.toString(value);
    }
}
