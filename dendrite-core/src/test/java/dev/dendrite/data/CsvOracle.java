package dev.dendrite.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@link Csv} documents a file to mean, computed independently of it and of Commons CSV, for
 * files whose syntax is simple enough to read by splitting: ASCII text without quotes. Lines end
 * at {@code \r\n}, {@code \r} or {@code \n}; cells are split at the delimiter and trimmed; a line
 * that is one empty cell is skipped; the first remaining line is the header. Stateless.
 */
final class CsvOracle {
    /** The plain decimal notation {@link Csv} accepts. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");
    private static final int MAX_CLASSES = 1000;
    private static final int MAX_UNUSED = 100;

    private CsvOracle() {
    }

    /**
     * A file's meaning: features row by row, one target per row, and the class names (empty for a
     * regression target).
     */
    record Table(float[] features, int rows, float[] targets, List<String> classNames) {
    }

    /** Whether {@link #read} can judge these bytes: strict UTF-8 with no quote, or not UTF-8 at all. */
    static boolean judges(byte[] bytes) {
        String text = utf8(bytes);
        return text == null || text.chars().allMatch(c -> c != '"' && (c >= ' ' && c < 127 || c == '\t'
                || c == '\n' || c == '\r'));
    }

    /** The file's meaning, or null when {@link Csv} must refuse it; only for bytes that {@link #judges} accepts. */
    static Table read(byte[] bytes, CsvOptions options) {
        String text = utf8(bytes);
        if (text == null) {
            return null;
        }
        List<List<String>> records = new ArrayList<>();
        for (String line : LINE_END.split(text, -1)) {
            List<String> cells = new ArrayList<>();
            for (String cell : line.split(Pattern.quote(String.valueOf(options.delimiter())), -1)) {
                cells.add(cell.trim());
            }
            if (cells.size() > 1 || !cells.get(0).isEmpty()) {
                records.add(cells);
            }
        }
        if (records.isEmpty()) {
            return null;
        }
        List<String> header = records.get(0);
        header.set(0, header.get(0).replace("\uFEFF", ""));
        int width = header.size();
        int label = labelColumn(header, options);
        int rows = records.size() - 1;
        if (label < 0 || rows == 0) {
            return null;
        }
        float[] features = new float[rows * (width - 1)];
        List<String> labels = new ArrayList<>();
        int next = 0;
        for (List<String> cells : records.subList(1, records.size())) {
            if (cells.size() != width || cells.get(label).isEmpty()) {
                return null;
            }
            for (int column = 0; column < width; column++) {
                if (column != label) {
                    Float value = number(cells.get(column));
                    if (value == null) {
                        return null;
                    }
                    features[next++] = value;
                }
            }
            labels.add(cells.get(label));
        }
        return withTargets(features, rows, labels, options);
    }

    private static int labelColumn(List<String> header, CsvOptions options) {
        if (header.size() < 2) {
            return -1;
        }
        if (options.labelName() == null) {
            return options.labelIndex() < header.size() ? options.labelIndex() : -1;
        }
        int found = header.indexOf(options.labelName());
        return found >= 0 && header.lastIndexOf(options.labelName()) == found ? found : -1;
    }

    private static Table withTargets(float[] features, int rows, List<String> labels, CsvOptions options) {
        float[] targets = new float[rows];
        if (options.regressionTarget()) {
            for (int row = 0; row < rows; row++) {
                Float value = number(labels.get(row));
                if (value == null) {
                    return null;
                }
                targets[row] = value;
            }
            return new Table(features, rows, targets, List.of());
        }
        List<String> names = options.classNames();
        if (!names.isEmpty()) {
            Map<String, Integer> positions = new HashMap<>();
            for (int i = names.size() - 1; i >= 0; i--) {
                positions.put(names.get(i), i);
            }
            for (int row = 0; row < rows; row++) {
                int index = positions.getOrDefault(labels.get(row), wholeIndex(labels.get(row)));
                if (index < 0 || index >= names.size()) {
                    return null;
                }
                targets[row] = index;
            }
            return new Table(features, rows, targets, names);
        }
        if (labels.stream().allMatch(label -> DECIMAL.matcher(label).matches())) {
            int max = 0;
            for (int row = 0; row < rows; row++) {
                int index = wholeIndex(labels.get(row));
                if (index < 0 || index >= MAX_CLASSES) {
                    return null;
                }
                targets[row] = index;
                max = Math.max(max, index);
            }
            long distinct = java.util.stream.IntStream.range(0, rows).mapToObj(row -> targets[row]).distinct().count();
            if (max + 1 - distinct > MAX_UNUSED) {
                return null;
            }
            List<String> indexNames = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                indexNames.add(Integer.toString(c));
            }
            return new Table(features, rows, targets, indexNames);
        }
        List<String> sorted = new ArrayList<>(new TreeSet<>(labels));
        if (sorted.size() > MAX_CLASSES) {
            return null;
        }
        for (int row = 0; row < rows; row++) {
            targets[row] = sorted.indexOf(labels.get(row));
        }
        return new Table(features, rows, targets, sorted);
    }

    /** A plain decimal within float range, else null. */
    private static Float number(String cell) {
        if (!DECIMAL.matcher(cell).matches()) {
            return null;
        }
        float value = (float) Double.parseDouble(cell);
        return Float.isFinite(value) ? value : null;
    }

    /** A whole decimal in [0, 2^31 - 1), else -1. */
    private static int wholeIndex(String label) {
        if (!DECIMAL.matcher(label).matches()) {
            return -1;
        }
        double value = Double.parseDouble(label);
        return value >= 0 && value < Integer.MAX_VALUE && value == Math.rint(value) ? (int) value : -1;
    }

    /** The bytes as strict UTF-8, or null when they are not. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** For failure messages. */
    static String describe(Table table) {
        return table == null ? "refused" : table.rows() + " rows, features " + Arrays.toString(table.features())
                + ", targets " + Arrays.toString(table.targets()) + ", classes " + table.classNames();
    }
}
