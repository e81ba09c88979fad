package dev.dendrite.data;

import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * How {@link Csv} reads a table: which column holds the label, whether the label is a class or a
 * regression target, the separator, and optionally the dataset name and the class names.
 *
 * <p>Defaults ({@link #defaults()}): label column named {@code label}, classification, comma
 * separator, dataset named after the file, class names taken from the labels. Each {@code with}
 * method returns a changed copy, for example
 * {@code CsvOptions.defaults().labelColumn("species")} or
 * {@code CsvOptions.defaults().labelIndex(0).regression()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param labelName the header name of the label column; null when {@code labelIndex} is used
 * @param labelIndex the 0-based position of the label column; -1 when {@code labelName} is used
 * @param regressionTarget whether the label is a numeric target {@code [N, 1]} rather than a class
 * @param delimiter the cell separator
 * @param name the dataset name; null for the file name without its extension
 * @param classNames the class names in index order; empty to derive them from the labels
 */
public record CsvOptions(String labelName, int labelIndex, boolean regressionTarget, char delimiter, String name,
        List<String> classNames) {
    /** The label column's default name. */
    public static final String DEFAULT_LABEL = "label";

    /** Checks that exactly one way of finding the label column is given, and copies the class names. */
    public CsvOptions {
        Validate.argument((labelName == null) != (labelIndex < 0), "CsvOptions",
                "either a label column name or a label index >= 0",
                "name " + labelName + " and index " + labelIndex);
        Validate.argument(labelName == null || !labelName.isBlank(), "CsvOptions", "a non-blank label column name",
                "'" + labelName + "'");
        Validate.argument(delimiter != '"' && delimiter != '\n' && delimiter != '\r', "CsvOptions",
                "a delimiter other than a quote or a line end", "'" + delimiter + "'");
        classNames = List.copyOf(classNames);
        Validate.argument(!regressionTarget || classNames.isEmpty(), "CsvOptions",
                "no class names for a regression target", classNames);
    }

    /** Label column {@code label}, classification, comma separated, named after the file. */
    public static CsvOptions defaults() {
        return new CsvOptions(DEFAULT_LABEL, -1, false, ',', null, List.of());
    }

    /** The label is the column with this header name. */
    public CsvOptions labelColumn(String columnName) {
        return new CsvOptions(columnName, -1, regressionTarget, delimiter, name, classNames);
    }

    /** The label is the column at this 0-based position. */
    public CsvOptions labelIndex(int index) {
        Validate.argument(index >= 0, "CsvOptions.labelIndex", "an index >= 0", index);
        return new CsvOptions(null, index, regressionTarget, delimiter, name, classNames);
    }

    /** The label is a numeric regression target: the dataset's targets are {@code [N, 1]}. */
    public CsvOptions regression() {
        return new CsvOptions(labelName, labelIndex, true, delimiter, name, List.of());
    }

    /** Cells are separated by {@code separator} (a tab or a semicolon, say) instead of a comma. */
    public CsvOptions delimiter(char separator) {
        return new CsvOptions(labelName, labelIndex, regressionTarget, separator, name, classNames);
    }

    /** The dataset is called {@code datasetName} instead of the file name. */
    public CsvOptions name(String datasetName) {
        return new CsvOptions(labelName, labelIndex, regressionTarget, delimiter, datasetName, classNames);
    }

    /**
     * The classes, in index order. Integer labels must then lie in {@code [0, names.size())};
     * text labels must be one of the names and take its position as their index, so that two files
     * with different subsets of the classes map them the same way.
     */
    public CsvOptions classNames(List<String> names) {
        return new CsvOptions(labelName, labelIndex, regressionTarget, delimiter, name, names);
    }

    /** How the label column is named in messages: {@code 'label'} or {@code index 3}. */
    String describeLabel() {
        return labelName != null ? "'" + labelName + "'" : "index " + labelIndex;
    }
}
