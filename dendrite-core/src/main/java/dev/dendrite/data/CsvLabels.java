package dev.dendrite.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the label cells of a CSV file into class indices and class names, by the rules of
 * {@link Csv}: whole numbers are indices, other text is mapped through its sorted distinct values,
 * and given class names are matched by name first, then by index. Without given names a file may
 * make at most {@value #MAX_CLASSES} classes, and whole-number labels must be dense: at most
 * {@value #MAX_UNUSED} indices below the largest may go unused. Immutable.
 */
record CsvLabels(float[] indices, List<String> names) {
    // More is almost surely a numeric target or an id read as a class; one label of 65535 once made
    // a 65536-class output layer of 5.7 GB.
    static final int MAX_CLASSES = 1000;
    /** How many class indices below the largest may have no row, before the labels count as sparse. */
    static final int MAX_UNUSED = 100;

    static CsvLabels map(List<String> labels, List<Long> lines, List<String> classNames, String source,
            String column) throws DataFormatException {
        if (!classNames.isEmpty()) {
            return byGivenNames(labels, lines, classNames, source, column);
        }
        boolean allNumbers = true;
        for (String label : labels) {
            allNumbers &= Csv.isDecimal(label);
        }
        return allNumbers ? byIndex(labels, lines, source, column) : byText(labels, source, column);
    }

    private static CsvLabels byIndex(List<String> labels, List<Long> lines, String source, String column)
            throws DataFormatException {
        float[] indices = new float[labels.size()];
        int max = 0;
        int maxRow = 0;
        java.util.BitSet seen = new java.util.BitSet();
        for (int row = 0; row < indices.length; row++) {
            int index = wholeIndex(labels.get(row));
            if (index < 0 || index >= MAX_CLASSES) {
                throw new DataFormatException(source + " line " + lines.get(row) + ", column " + column
                        + ": expected a class index (a whole number in [0, " + MAX_CLASSES + ")), got '"
                        + labels.get(row) + "'. For a numeric target read the file as regression");
            }
            indices[row] = index;
            seen.set(index);
            if (index > max) {
                max = index;
                maxRow = row;
            }
        }
        int unused = max + 1 - seen.cardinality();
        if (unused > MAX_UNUSED) {
            throw new DataFormatException(source + " line " + lines.get(maxRow) + ", column " + column
                    + ": expected dense class indices (at most " + MAX_UNUSED + " of 0.." + max + " unused), got "
                    + seen.cardinality() + " distinct labels up to " + max + ", so " + unused + " classes without a "
                    + "row. Number the classes 0..K-1, or for a numeric target read the file as regression");
        }
        List<String> names = new ArrayList<>(max + 1);
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return new CsvLabels(indices, names);
    }

    private static CsvLabels byText(List<String> labels, String source, String column) throws DataFormatException {
        List<String> names = new ArrayList<>(new TreeSet<>(labels));
        if (names.size() > MAX_CLASSES) {
            throw new DataFormatException(source + ", column " + column + ": expected at most " + MAX_CLASSES
                    + " distinct class labels, got " + names.size() + " (such as '" + names.get(0) + "' and '"
                    + names.get(names.size() - 1) + "'); is it an id or a numeric target?");
        }
        Map<String, Integer> positions = positions(names);
        float[] indices = new float[labels.size()];
        for (int row = 0; row < indices.length; row++) {
            indices[row] = positions.get(labels.get(row));
        }
        return new CsvLabels(indices, names);
    }

    private static CsvLabels byGivenNames(List<String> labels, List<Long> lines, List<String> names, String source,
            String column) throws DataFormatException {
        Map<String, Integer> positions = positions(names);
        float[] indices = new float[labels.size()];
        for (int row = 0; row < indices.length; row++) {
            String label = labels.get(row);
            Integer position = positions.get(label);
            int index = position != null ? position : wholeIndex(label);
            if (index < 0 || index >= names.size()) {
                throw new DataFormatException(source + " line " + lines.get(row) + ", column " + column
                        + ": expected one of " + names + " or a class index in [0, " + names.size()
                        + "), got '" + label + "'");
            }
            indices[row] = index;
        }
        return new CsvLabels(indices, names);
    }

    /** The label as a class index, or -1 when it is not a whole number in {@code [0, 2^31)}. */
    private static int wholeIndex(String label) {
        if (!Csv.isDecimal(label)) {
            return -1;
        }
        double value = Double.parseDouble(label);
        return value >= 0 && value < Integer.MAX_VALUE && value == Math.rint(value) ? (int) value : -1;
    }

    private static Map<String, Integer> positions(List<String> names) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            positions.putIfAbsent(names.get(i), i);
        }
        return positions;
    }
}
