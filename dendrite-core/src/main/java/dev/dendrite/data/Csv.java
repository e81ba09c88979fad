package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a table of numbers from a CSV file into a {@link Dataset}.
 *
 * <p>The first row is a header naming the columns. One column is the label, chosen by name
 * (default {@code label}) or by position (see {@link CsvOptions}); every other column is a numeric
 * feature, so a file with C columns gives features {@code [N, C - 1]}. The label becomes:
 * <ul>
 *   <li>for a classification set (the default), a class index. Whole numbers {@code 0, 1, 2, ...}
 *       are used as they are, with {@code max + 1} classes; any other text is mapped to classes by
 *       sorting the distinct values, which also become the class names ({@code setosa} = 0,
 *       {@code versicolor} = 1, ...). With {@link CsvOptions#classNames} a label is looked up among
 *       the names first, else read as an index. Without given names, at most 1000 classes: whole
 *       numbers must be below 1000 and dense (at most 100 indices below the largest without a
 *       row), and text at most 1000 distinct values; more is almost surely an id or a numeric
 *       target, and would build an output layer as large;</li>
 *   <li>for a regression set ({@link CsvOptions#regression()}), a number in targets {@code [N, 1]}.</li>
 * </ul>
 * Quoting and line ends follow RFC 4180 (parsed by Apache Commons CSV); blank lines are skipped and
 * spaces around cells ignored. Cells must be plain decimal numbers such as {@code -1.5e3}; NaN and
 * infinities are refused.
 *
 * <p>Errors are {@link DataFormatException}s naming the file and the line:
 * {@code digits.csv line 17: expected 65 columns, got 64}, or
 * {@code iris.csv line 5, column 'petal_width': expected a number, got 'abc'}. Stateless.
 */
public final class Csv {
    private Csv() {
    }

    /** Reads {@code file} with the default options (label column {@code label}, classification). */
    public static Dataset read(Path file) throws IOException {
        return read(file, CsvOptions.defaults());
    }

    /**
     * Reads {@code file} (UTF-8) as described above; the dataset is named after the file without its
     * extension unless the options name it.
     *
     * @throws DataFormatException when the file is empty, has no data rows, lacks the label column,
     *     or has a ragged row or a cell that is not a finite number
     */
    public static Dataset read(Path file, CsvOptions options) throws IOException {
        checkMemory(file, options);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), options);
        }
    }

    /**
     * Measures the file before reading it: its size over the length of its first data line gives
     * the rows, and each row takes its features as float32 (three times over while the array
     * grows and is trimmed) and its label and line number. A file that could never fit the heap
     * is refused in one line instead of ending in an {@link OutOfMemoryError}.
     */
    private static void checkMemory(Path file, CsvOptions options) throws IOException {
        long size = Files.size(file);
        if (size < (1 << 20)) {
            return;
        }
        String header;
        String first;
        try (java.io.BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            header = lines.readLine();
            first = lines.readLine();
        }
        if (header == null || first == null || first.isEmpty()) {
            return;   // the reader itself says what is wrong
        }
        long columns = header.chars().filter(c -> c == options.delimiter()).count() + 1;
        long rows = size / (first.length() + 1);
        long bytes = rows * ((columns - 1) * Float.BYTES * 3 + 96);
        DataTooLargeException.check(bytes, file + ": " + DataTooLargeException.megabytes(size) + " of text with rows "
                + "like its first (" + (first.length() + 1) + " bytes, " + columns + " columns) make about " + rows
                + " rows");
    }

    /**
     * Reads CSV text from {@code reader} (not closed here); {@code source} names it in messages and,
     * without its folders and extension, names the dataset unless the options do.
     */
    public static Dataset read(Reader reader, String source, CsvOptions options) throws IOException {
        try (CSVParser parser = format(options).parse(reader)) {
            return read(new Lines(parser), source, options);
        } catch (UncheckedIOException e) {
            // Commons CSV's iterator wraps read and syntax errors (an unclosed quote, say).
            throw new DataFormatException(source + ": " + describe(e.getCause()), e.getCause());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataFormatException(source + ": " + describe(e), e);
        }
    }

    /**
     * The column names of {@code file}'s header row, as {@link #read} sees them (trimmed, without a
     * byte-order mark); empty for an empty file. Reads only the header, so a caller can check a
     * label column, or list the columns in a message, before reading a large file.
     *
     * @throws DataFormatException when the header cannot be parsed or is not UTF-8
     */
    public static List<String> columns(Path file, CsvOptions options) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = format(options).parse(reader)) {
            List<String> header = new Lines(parser).next();
            if (header == null) {
                return List.of();
            }
            header.set(0, header.get(0).replace("\uFEFF", ""));
            return List.copyOf(header);
        } catch (UncheckedIOException e) {
            throw new DataFormatException(file + ": " + describe(e.getCause()), e.getCause());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataFormatException(file + ": " + describe(e), e);
        }
    }

    private static CSVFormat format(CsvOptions options) {
        return CSVFormat.DEFAULT.builder()
                .setDelimiter(options.delimiter())
                .setIgnoreEmptyLines(false) // kept, so that each record's line number can be tracked
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "expected UTF-8 text, got bytes that are not UTF-8 (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    private static Dataset read(Lines lines, String source, CsvOptions options) throws DataFormatException {
        List<String> header = lines.next();
        if (header == null) {
            throw new DataFormatException(source + ": expected a header row, got an empty file");
        }
        header.set(0, header.get(0).replace("\uFEFF", "")); // a byte-order mark some editors write
        int labelColumn = labelColumn(header, source, options);
        int width = header.size();
        float[] features = new float[1024];
        List<String> labels = new ArrayList<>();
        List<Long> labelLines = new ArrayList<>();
        int rows = 0;
        for (List<String> cells = lines.next(); cells != null; cells = lines.next()) {
            String where = source + " line " + lines.line;
            if (cells.size() != width) {
                throw new DataFormatException(where + ": expected " + width + " columns, got " + cells.size());
            }
            if (features.length < (rows + 1) * (width - 1)) {
                features = Arrays.copyOf(features, 2 * features.length + width);
            }
            int offset = rows * (width - 1);
            for (int column = 0; column < width; column++) {
                if (column != labelColumn) {
                    features[offset++] = number(cells.get(column), where, columnName(header, column));
                }
            }
            if (cells.get(labelColumn).isEmpty()) {
                throw new DataFormatException(where + ", column " + columnName(header, labelColumn)
                        + ": expected a label, got an empty cell");
            }
            labels.add(cells.get(labelColumn));
            labelLines.add(lines.line);
            rows++;
        }
        if (rows == 0) {
            throw new DataFormatException(source + ": expected data rows after the header, got only the header");
        }
        Tensor x = Tensor.wrap(Arrays.copyOf(features, rows * (width - 1)), rows, width - 1);
        String name = options.name() != null ? options.name() : baseName(source);
        String labelName = columnName(header, labelColumn);
        if (options.regressionTarget()) {
            float[] targets = new float[rows];
            for (int row = 0; row < rows; row++) {
                targets[row] = number(labels.get(row), source + " line " + labelLines.get(row), labelName);
            }
            return new Dataset(name, x, Tensor.wrap(targets, rows, 1), 0, List.of());
        }
        CsvLabels classes = CsvLabels.map(labels, labelLines, options.classNames(), source, labelName);
        return new Dataset(name, x, Tensor.wrap(classes.indices(), rows), classes.names().size(), classes.names());
    }

    private static int labelColumn(List<String> header, String source, CsvOptions options)
            throws DataFormatException {
        if (header.size() < 2) {
            throw new DataFormatException(source + " line 1: expected a header with a label column and at least one"
                    + " feature column, got columns " + header);
        }
        if (options.labelName() == null) {
            if (options.labelIndex() >= header.size()) {
                throw new DataFormatException(source + ": expected a label column at index " + options.labelIndex()
                        + ", got " + header.size() + " columns " + header);
            }
            return options.labelIndex();
        }
        int found = header.indexOf(options.labelName());
        if (found < 0) {
            throw new DataFormatException(source + ": expected a label column named '" + options.labelName()
                    + "', got columns " + header + ". Choose the label column by name (CsvOptions.labelColumn) or index "
                    + "(CsvOptions.labelIndex)");
        }
        if (header.lastIndexOf(options.labelName()) != found) {
            throw new DataFormatException(source + ": expected one column named '" + options.labelName()
                    + "', got several in " + header);
        }
        return found;
    }

    /**
     * Parses a cell as a float, accepting only plain decimal notation: Java's own parser would also
     * take {@code 1f}, {@code 0x1p3} and {@code NaN}, which in a data file are mistakes.
     */
    static float number(String cell, String where, String column) throws DataFormatException {
        String prefix = where + ", column " + column + ": expected ";
        if (cell.isEmpty()) {
            throw new DataFormatException(prefix + "a number, got an empty cell");
        }
        if (!isDecimal(cell)) {
            String lower = cell.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
            boolean special = lower.equals("nan") || lower.startsWith("inf");
            throw new DataFormatException(prefix + (special ? "a finite number" : "a number") + ", got '" + cell + "'");
        }
        float value = (float) Double.parseDouble(cell);
        if (!Float.isFinite(value)) {
            throw new DataFormatException(prefix + "a number within float range, got '" + cell + "'");
        }
        return value;
    }

    /** Whether {@code text} is {@code [+-]digits[.digits][e[+-]digits]} with at least one mantissa digit. */
    static boolean isDecimal(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == exponentStart) {
                return false;
            }
        }
        return i == n;
    }

    private static String columnName(List<String> header, int column) {
        String name = header.get(column);
        return name.isEmpty() ? Integer.toString(column) : "'" + name + "'";
    }

    private static String baseName(String source) {
        String file = Path.of(source).getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The non-blank records of a parser, with the line each starts on. */
    private static final class Lines {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        long line;

        Lines(CSVParser parser) {
            this.parser = parser;
            this.records = parser.iterator();
        }

        /** The next non-blank record's cells, or null at the end; {@link #line} is its first line. */
        List<String> next() {
            while (true) {
                // The parser has consumed the line ends up to here, so the next record starts one later.
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                if (record.size() > 1 || !record.get(0).isEmpty()) {
                    return new ArrayList<>(record.toList());
                }
            }
        }
    }
}
