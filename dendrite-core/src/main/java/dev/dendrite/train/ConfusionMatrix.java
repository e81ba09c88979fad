package dev.dendrite.train;

import dev.dendrite.tensor.Validate;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs, with accuracy and per-class precision, recall and
 * F1 derived from them. Row = true class, column = predicted class.
 *
 * <p>Mutable while counts are {@link #add added}; not thread-safe.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /** An empty matrix for {@code classes} classes. */
    public ConfusionMatrix(int classes) {
        Validate.argument(classes > 0, "ConfusionMatrix", "at least one class", classes);
        counts = new long[classes][classes];
    }

    /** Counts one sample. */
    public void add(int trueClass, int predictedClass) {
        counts[trueClass][predictedClass]++;
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Samples of class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** All samples counted. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    /** Fraction of samples on the diagonal (NaN when empty). */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return (double) correct / total();
    }

    /** Of the samples predicted as {@code c}, the fraction that are {@code c} (0 when none were). */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /** Of the samples of class {@code c}, the fraction predicted as {@code c} (0 when none exist). */
    public double recall(int c) {
        long actual = support(c);
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    /** How many samples of class {@code trueClass} were counted (its row's total). */
    public long support(int trueClass) {
        long total = 0;
        for (long v : counts[trueClass]) {
            total += v;
        }
        return total;
    }

    /** The harmonic mean of precision and recall for class {@code c} (0 when both are 0). */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += f1(c);
        }
        return sum / counts.length;
    }

    /** A text table, rows = true class, columns = predicted class. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("true\\pred");
        int width = Math.max(6, Long.toString(total()).length() + 1);
        for (int c = 0; c < counts.length; c++) {
            out.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        for (int r = 0; r < counts.length; r++) {
            out.append(String.format(Locale.ROOT, "%n%9d", r));
            for (int c = 0; c < counts.length; c++) {
                out.append(String.format(Locale.ROOT, "%" + width + "d", counts[r][c]));
            }
        }
        return out.toString();
    }
}
