package dev.dendrite.cli;

import dev.dendrite.data.DataFormatException;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the rows to predict: from a CSV file with a header, or from values on the command line. */
final class PredictInput {
    private PredictInput() {
    }

    /**
     * Whether {@code input} can only be a file name: a single value that is not a number (such as
     * {@code iris.csv}); values on the command line are numbers, one or more, separated by commas.
     */
    static boolean namesAFile(String input) {
        if (input.contains(",") || input.contains(";")) {
            return false;
        }
        try {
            Float.parseFloat(input.trim());
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Parses {@code "1,2,3;4,5,6"}; {@code features} is the expected width, or -1 when unknown. */
    static Tensor fromValues(String text, int features) {
        String[] rows = text.split(";");
        List<float[]> parsed = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            String[] cells = rows[r].trim().split("\\s*,\\s*");
            float[] row = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                row[c] = number(cells[c], "--input row " + (r + 1) + ", value " + (c + 1));
            }
            parsed.add(row);
        }
        return stack(parsed, features, "--input");
    }

    /**
     * Reads every row of a CSV file with a header, skipping the label: the column named
     * {@code labelColumn} when given and present, else one named {@code label} or {@code target}.
     */
    static Tensor fromCsv(Path file, int features, String labelColumn) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
        List<float[]> parsed = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            int skip = labelColumn != null && header.contains(labelColumn) ? header.indexOf(labelColumn)
                    : Math.max(header.indexOf("label"), header.indexOf("target"));
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new DataFormatException(file + " line " + (record.getRecordNumber() + 1) + ": expected "
                            + header.size() + " columns (as the header), got " + record.size());
                }
                float[] row = new float[record.size() - (skip >= 0 ? 1 : 0)];
                for (int c = 0, j = 0; c < record.size(); c++) {
                    if (c != skip) {
                        row[j++] = number(record.get(c), file.getFileName() + " line " + (record.getRecordNumber() + 1)
                                + ", column '" + (c < header.size() ? header.get(c) : c) + "'");
                    }
                }
                parsed.add(row);
            }
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file + ": " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            // Commons CSV wraps its syntax and reading errors (an unclosed quote, bytes that are not UTF-8)
            throw unreadable(file, e.getCause());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw unreadable(file, e);
        }
        return stack(parsed, features, file.toString());
    }

    private static DataFormatException unreadable(Path file, IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return new DataFormatException(file + ": expected UTF-8 text, got bytes that are not UTF-8", e);
        }
        return new DataFormatException(file + ": " + e.getMessage(), e);
    }

    private static float number(String cell, String where) {
        try {
            float value = Float.parseFloat(cell);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with its position
        }
        throw new IllegalArgumentException(where + ": expected a finite number, got '" + cell + "'");
    }

    private static Tensor stack(List<float[]> rows, int features, String source) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": expected at least one row, got none");
        }
        int width = features > 0 ? features : rows.get(0).length;
        float[] data = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            if (row.length != width) {
                throw new IllegalArgumentException(source + " row " + (r + 1) + ": expected " + width
                        + " values (the model's input width), got " + row.length);
            }
            System.arraycopy(row, 0, data, r * width, width);
        }
        return Tensor.wrap(data, rows.size(), width);
    }
}
