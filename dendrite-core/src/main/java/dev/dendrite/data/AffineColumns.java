package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Arrays;

/**
 * The shared arithmetic of the {@link Normalizer}s: per-column statistics of a features tensor,
 * the per-column affine map {@code y = (x - offset) / scale}, and the metadata text. Stateless.
 */
final class AffineColumns {
    private AffineColumns() {
    }

    /** The values per row of {@code features} {@code [N, ...]}, checking that there is at least one row. */
    static int rowLength(String op, Tensor features) {
        int[] dims = features.shape().dims();
        Validate.argument(dims.length >= 2 && dims[0] > 0, op, "features [N, ...] with N >= 1", dims);
        return features.size() / dims[0];
    }

    /** Column means, in double so that 60000 rows do not lose digits. */
    static double[] mean(float[] values, int columns) {
        double[] sums = new double[columns];
        for (int i = 0; i < values.length; i++) {
            sums[i % columns] += values[i];
        }
        int rows = values.length / columns;
        for (int j = 0; j < columns; j++) {
            sums[j] /= rows;
        }
        return sums;
    }

    /** Population standard deviations (divided by N, as scikit-learn's StandardScaler), two-pass. */
    static double[] standardDeviation(float[] values, int columns, double[] mean) {
        double[] squares = new double[columns];
        for (int i = 0; i < values.length; i++) {
            double deviation = values[i] - mean[i % columns];
            squares[i % columns] += deviation * deviation;
        }
        int rows = values.length / columns;
        for (int j = 0; j < columns; j++) {
            squares[j] = Math.sqrt(squares[j] / rows);
        }
        return squares;
    }

    /** Column minima ({@code largest = false}) or maxima. */
    static double[] extreme(float[] values, int columns, boolean largest) {
        double[] result = new double[columns];
        Arrays.fill(result, largest ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        for (int i = 0; i < values.length; i++) {
            int j = i % columns;
            result[j] = largest ? Math.max(result[j], values[i]) : Math.min(result[j], values[i]);
        }
        return result;
    }

    /**
     * {@code (x - offset_j) / scale_j} for every value of {@code features}, whose rows must hold
     * {@code offset.length} values; a zero scale counts as 1. Returns a new tensor of the same shape.
     */
    static Tensor apply(String op, Tensor features, double[] offset, double[] scale) {
        int[] dims = features.shape().dims();
        int columns = offset.length;
        int rowLength = 1;
        for (int axis = 1; axis < dims.length; axis++) {
            rowLength *= dims[axis];
        }
        boolean oneRow = dims.length == 1 && dims[0] == columns;
        Validate.argument(oneRow || dims.length >= 2 && rowLength == columns, op,
                "features [N, " + columns + "] (or [" + columns + "] for one row)", dims);
        float[] in = features.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int j = i % columns;
            double divisor = scale[j] == 0 ? 1 : scale[j];
            out[i] = (float) ((in[i] - offset[j]) / divisor);
        }
        return Tensor.wrap(out, dims);
    }

    /** {@code name=v1,v2,...} with each value written so that it reads back exactly. */
    static String format(String name, double[] values) {
        StringBuilder text = new StringBuilder(name).append('=');
        for (int j = 0; j < values.length; j++) {
            text.append(j == 0 ? "" : ",").append(values[j]);
        }
        return text.toString();
    }

    /**
     * Splits {@code kind;a=...;b=...} into the value lists named {@code names}, in that order, checking
     * the kind, the names, that every value is finite and that all lists have the same non-zero length.
     */
    static double[][] parse(String metadata, String kind, String... names) {
        String op = "Normalizer.fromMetadata";
        String expected = kind + ";" + String.join("=...;", names) + "=...";
        String[] parts = metadata.split(";", -1);
        Validate.argument(parts.length == names.length + 1 && parts[0].equals(kind), op, "'" + expected + "'",
                "'" + metadata + "'");
        double[][] lists = new double[names.length][];
        for (int k = 0; k < names.length; k++) {
            String prefix = names[k] + "=";
            Validate.argument(parts[k + 1].startsWith(prefix), op, "'" + expected + "'", "'" + metadata + "'");
            String[] cells = parts[k + 1].substring(prefix.length()).split(",", -1);
            lists[k] = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                lists[k][j] = finite(op, names[k], cells[j]);
            }
            Validate.argument(lists[k].length == lists[0].length, op,
                    names.length + " lists of equal length", Arrays.toString(names) + " with lengths "
                    + lists[0].length + " and " + lists[k].length);
        }
        return lists;
    }

    private static double finite(String op, String name, String cell) {
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Validate.message(op, "numbers in '" + name + "'", "'" + cell + "'"), e);
        }
        Validate.argument(Double.isFinite(value), op, "finite numbers in '" + name + "'", cell);
        return value;
    }
}
