package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.testing.LoaderFuzz;
import dev.dendrite.testing.Mutation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated, edited, damaged and random CSV files read with various {@link CsvOptions}. Where
 * {@link CsvOracle} can judge a file (ASCII without quotes, or not UTF-8 at all), it decides the
 * outcome: the file loads exactly when the documented rules accept it, with exactly the features,
 * targets and classes they give, and is otherwise refused with a {@link DataFormatException} naming
 * the file. Every other file must be refused the same way or give a self-consistent dataset.
 */
class CsvFuzzTest {
    private static final long BYTES_PER_INPUT_BYTE = 1024;
    /** Text that shifts columns, breaks lines and numbers, or names classes. */
    private static final List<String> TOKENS = List.of(",", ";", "\t", "|", "\n", "\r", "\r\n", " ", "\"", "\"\"",
            "-", "+", ".", "e", "E", "0", "1", "7", "12", "65535", "65536", "2147483647", "1e9", "1e39", "-1", "1.5",
            "NaN", "Infinity", "0x1p3", "1f", "label", "species", "cat", "bird", "\uFEFF", "é", "");
    private static final List<String> NUMBERS = List.of("0", "1", "-2", "3.25", "-0.5", "+4", ".5", "7.", "1e2",
            "-2.5E-3", "123456", "0.000001");
    private static final List<String> WORDS = List.of("cat", "dog", "bird", "setosa");
    private static Path directory;

    @BeforeContainer
    static void createDirectory() throws IOException {
        directory = Files.createTempDirectory("csv-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    /** A generated file and the options to read it with. */
    record Case(String text, CsvOptions options) {
        @Override
        public String toString() {
            return "options " + options + ", text " + text.replace("\r", "\\r").replace("\n", "\\n")
                    .replace("\t", "\\t");
        }
    }

    /** Replaces {@code removed} characters at a position (millionths of the text) with {@code inserted}. */
    record Edit(int where, int removed, String inserted) {
        String apply(String text) {
            int at = (int) ((long) where * text.length() / 1_000_001L);
            return text.substring(0, at) + inserted + text.substring(Math.min(text.length(), at + removed));
        }
    }

    @Property(tries = 400, seed = "301")
    void generatedTablesLoadExactly(@ForAll("cases") Case generated) {
        byte[] bytes = generated.text().getBytes(StandardCharsets.UTF_8);
        byte[] unquoted = generated.text().replace("\"", "").getBytes(StandardCharsets.UTF_8);
        CsvOracle.Table expected = CsvOracle.read(unquoted, generated.options());
        assertTrue(expected != null, "the generator wrote a table the rules refuse: " + generated);
        LoaderFuzz.Outcome<Dataset> outcome = load(bytes, generated.options(), generated.toString());
        assertTrue(outcome.loaded(), generated + ": refused with " + outcome.refusal());
        assertMatches(expected, outcome.value(), generated.toString());
    }

    @Property(tries = 2000, seed = "302")
    void editedTextsLoadAsTheRulesSay(@ForAll("cases") Case generated,
            @ForAll @Size(min = 1, max = 4) List<@From("edits") Edit> edits) {
        String text = generated.text();
        for (Edit edit : edits) {
            text = edit.apply(text);
        }
        check(text.getBytes(StandardCharsets.UTF_8), generated.options(), generated + " edited by " + edits);
    }

    @Property(tries = 800, seed = "303")
    void damagedBytesLoadAsTheRulesSay(@ForAll("cases") Case generated,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> mutations) {
        byte[] bytes = Mutation.applyAll(mutations, generated.text().getBytes(StandardCharsets.UTF_8));
        check(bytes, generated.options(), generated + " damaged by " + mutations);
    }

    @Property(tries = 800, seed = "304")
    void randomTextsLoadAsTheRulesSay(@ForAll("randomTexts") String text, @ForAll("options") CsvOptions options) {
        check(text.getBytes(StandardCharsets.UTF_8), options, "random text '" + text + "' with " + options);
    }

    private static void check(byte[] bytes, CsvOptions options, String what) {
        LoaderFuzz.Outcome<Dataset> outcome = load(bytes, options, what);
        Statistics.label("outcome").collect(outcome.loaded() ? "loaded" : "refused");
        Statistics.label("judged").collect(CsvOracle.judges(bytes));
        if (CsvOracle.judges(bytes)) {
            CsvOracle.Table expected = CsvOracle.read(bytes, options);
            assertEquals(expected != null, outcome.loaded(), what + ": the rules say "
                    + CsvOracle.describe(expected) + ", but the reader "
                    + (outcome.loaded() ? "loaded " + outcome.value() : "refused: " + outcome.refusal()));
            if (expected != null) {
                assertMatches(expected, outcome.value(), what);
            }
        } else if (outcome.loaded()) {
            assertConsistent(outcome.value(), options, what);
        }
    }

    private static void assertMatches(CsvOracle.Table expected, Dataset dataset, String what) {
        assertEquals(expected.rows(), dataset.size(), what + ": rows");
        assertArrayEquals(expected.features(), dataset.features().data(), what + ": features");
        assertArrayEquals(expected.targets(), dataset.targets().data(), what + ": targets");
        assertEquals(expected.classNames(), dataset.classNames(), what + ": class names");
        assertConsistent(dataset, dataset.numClasses() == 0 ? CsvOptions.defaults().regression()
                : CsvOptions.defaults(), what);
    }

    /** What any loaded dataset must satisfy: matching row counts, finite features, targets of the right kind. */
    private static void assertConsistent(Dataset dataset, CsvOptions options, String what) {
        int rows = dataset.size();
        assertTrue(rows > 0, what + ": an empty dataset loaded");
        assertEquals(2, dataset.features().rank(), what + ": features rank");
        assertEquals(rows, dataset.features().shape().dim(0), what + ": feature rows");
        assertEquals(rows, dataset.targets().shape().dim(0), what + ": target rows");
        for (float value : dataset.features().data()) {
            assertTrue(Float.isFinite(value), what + ": a non-finite feature " + value);
        }
        for (float target : dataset.targets().data()) {
            if (options.regressionTarget()) {
                assertTrue(Float.isFinite(target), what + ": a non-finite target " + target);
            } else {
                assertTrue(target >= 0 && target < dataset.numClasses() && target == Math.rint(target),
                        what + ": target " + target + " outside the " + dataset.numClasses() + " classes");
            }
        }
        assertEquals(options.regressionTarget() ? 0 : dataset.classNames().size(), dataset.numClasses(),
                what + ": class count");
        assertFalse(!options.regressionTarget() && dataset.numClasses() == 0, what + ": no classes");
    }

    private static LoaderFuzz.Outcome<Dataset> load(byte[] bytes, CsvOptions options, String what) {
        Path file = directory.resolve("fuzz.csv");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LoaderFuzz.attempt(() -> Csv.read(file, options), DataFormatException.class, file,
                BYTES_PER_INPUT_BYTE, bytes.length, what);
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().map(seed -> generate(new Random(seed)));
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(0, 3),
                Arbitraries.of(TOKENS)).as(Edit::new);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Provide
    Arbitrary<String> randomTexts() {
        Arbitrary<String> headers = Arbitraries.of("", "x,label\n", "label;x\n", "x\tlabel\r\n", "a,b,label,c\n");
        return Combinators.combine(headers, Arbitraries.of(TOKENS).list().ofMaxSize(40))
                .as((header, tokens) -> header + String.join("", tokens));
    }

    @Provide
    Arbitrary<CsvOptions> options() {
        CsvOptions defaults = CsvOptions.defaults();
        return Arbitraries.of(defaults, defaults.labelIndex(0), defaults.labelIndex(1), defaults.regression(),
                defaults.labelIndex(1).regression(), defaults.delimiter(';'), defaults.delimiter('\t'),
                defaults.classNames(List.of("cat", "dog", "bird")), defaults.labelColumn("species"));
    }

    /** A valid table: numeric features, a label column of class indices, words or numbers, various layouts. */
    private static Case generate(Random random) {
        int width = 2 + random.nextInt(5);
        int labelColumn = random.nextInt(width);
        int labelKind = random.nextInt(4); // 0 indices, 1 words, 2 regression, 3 given class names
        boolean byName = random.nextBoolean();
        String labelName = random.nextBoolean() ? CsvOptions.DEFAULT_LABEL : "species";
        char delimiter = ",;|\t".charAt(random.nextInt(4));
        CsvOptions options = byName ? CsvOptions.defaults().labelColumn(labelName)
                : CsvOptions.defaults().labelIndex(labelColumn);
        options = options.delimiter(delimiter);
        options = labelKind == 2 ? options.regression()
                : labelKind == 3 ? options.classNames(List.of("cat", "dog", "bird")) : options;
        String lineEnd = random.nextBoolean() ? "\n" : "\r\n";
        boolean quoted = random.nextInt(5) == 0;
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            header.add(column == labelColumn ? labelName : "x" + column);
        }
        lines.add(String.join(String.valueOf(delimiter), header));
        int rows = 1 + random.nextInt(12);
        for (int row = 0; row < rows; row++) {
            List<String> cells = new ArrayList<>();
            for (int column = 0; column < width; column++) {
                String cell = column != labelColumn ? pick(NUMBERS, random)
                        : labelKind == 0 ? Integer.toString(random.nextInt(4))
                        : labelKind == 1 ? pick(WORDS.subList(0, 3), random)
                        : labelKind == 2 ? pick(NUMBERS, random)
                        : random.nextBoolean() ? pick(WORDS.subList(0, 3), random) : Integer.toString(random.nextInt(3));
                cell = quoted && random.nextBoolean() ? "\"" + cell + "\"" : cell;
                cells.add(random.nextInt(6) == 0 ? " " + cell + " " : cell);
            }
            lines.add(String.join(String.valueOf(delimiter), cells));
            if (random.nextInt(8) == 0) {
                lines.add("");
            }
        }
        return new Case(String.join(lineEnd, lines) + (random.nextBoolean() ? lineEnd : ""), options);
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
