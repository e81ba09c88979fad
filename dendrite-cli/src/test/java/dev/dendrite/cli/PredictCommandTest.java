package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite predict} end to end, on models trained by {@code dendrite train}. */
class PredictCommandTest {
    private static final List<String> IRIS = List.of("setosa", "versicolor", "virginica");
    private static final Pattern CLASS_ROW = Pattern.compile(
            "row (\\d+): (\\S+) \\(p=([0-9.]+)\\)  \\[(.*)\\]");

    @TempDir
    static Path directory;

    static Path iris;
    static Path sine;
    static Path xor;

    @BeforeAll
    static void trainModels() {
        TrainedModels models = TrainedModels.get();
        iris = models.iris;
        sine = models.sine;
        xor = models.xor;
    }

    @Test
    void oneRowNamesAClassOfTheModelWithProbabilities() {
        CliRun run = CliRun.ok("predict", "--model", iris.toString(), "--input", "5.1,3.5,1.4,0.2");
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), run.out());
        Matcher row = CLASS_ROW.matcher(lines.get(0));
        assertTrue(row.matches(), lines.get(0));
        assertEquals("setosa", row.group(2), "a textbook setosa");
        double sum = 0;
        for (String entry : row.group(4).split(", ")) {
            String[] parts = entry.split("=");
            assertTrue(IRIS.contains(parts[0]), entry);
            sum += Double.parseDouble(parts[1]);
        }
        assertEquals(1, sum, 2e-3, "probabilities sum to 1");
    }

    @Test
    void severalRowsSeparatedBySemicolons() {
        CliRun run = CliRun.ok("predict", "--model", iris.toString(), "--input", "5.1,3.5,1.4,0.2; 6.7, 3.0, 5.2, 2.3");
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        Matcher second = CLASS_ROW.matcher(lines.get(1));
        assertTrue(second.matches() && second.group(1).equals("2"), lines.get(1));
        assertEquals("virginica", second.group(2), lines.get(1));
    }

    @Test
    void csvFileWithOrWithoutALabelColumnGivesTheSameAnswers() throws IOException {
        Path labelled = Files.writeString(directory.resolve("labelled.csv"),
                "sepal_length,sepal_width,petal_length,petal_width,label\n5.1,3.5,1.4,0.2,setosa\n"
                        + "6.7,3.0,5.2,2.3,virginica\n");
        Path plain = Files.writeString(directory.resolve("plain.csv"),
                "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        String fromValues = CliRun.ok("predict", "--model", iris.toString(), "--input",
                "5.1,3.5,1.4,0.2;6.7,3.0,5.2,2.3").out();
        assertEquals(fromValues, CliRun.ok("predict", "--model", iris.toString(), "--input", labelled.toString()).out());
        assertEquals(fromValues, CliRun.ok("predict", "--model", iris.toString(), "--input", plain.toString()).out());
    }

    /** The label column named at training time ({@code csv:FILE:species}) is skipped too. */
    @Test
    void csvFileWithTheModelsOwnLabelColumn() throws IOException {
        Path csv = TestData.twoBlobs(directory.resolve("species.csv"), "species", false);
        Path model = CliRun.train(directory, "species", "--data", "csv:" + csv + ":species", "--epochs", "10",
                "--lr", "0.01");
        Path rows = Files.writeString(directory.resolve("rows.csv"), "species,x1,x2\ncat,0.1,-0.1\ndog,3.1,-2.0\n");
        List<String> lines = CliRun.ok("predict", "--model", model.toString(), "--input", rows.toString()).out()
                .lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("row 1: cat "), lines.get(0));
        assertTrue(lines.get(1).startsWith("row 2: dog "), lines.get(1));
    }

    @Test
    void jsonOutputParses() throws IOException {
        CliRun run = CliRun.ok("predict", "--model", iris.toString(), "--input", "5.1,3.5,1.4,0.2;6.7,3.0,5.2,2.3",
                "--json");
        List<?> rows = (List<?>) TestJson.parse(run.out());
        assertEquals(2, rows.size());
        Map<?, ?> first = (Map<?, ?>) rows.get(0);
        assertEquals("setosa", first.get("class"));
        assertEquals(0.0, first.get("index"));
        Map<?, ?> probabilities = (Map<?, ?>) first.get("probabilities");
        assertEquals(IRIS, List.copyOf(probabilities.keySet()));
        assertEquals(1, probabilities.values().stream().mapToDouble(p -> (Double) p).sum(), 1e-4);
        assertEquals("virginica", ((Map<?, ?>) rows.get(1)).get("class"));
    }

    /** One sigmoid output is shown as the probabilities of both classes. */
    @Test
    void binaryModelWithOneOutput() throws IOException {
        List<?> rows = (List<?>) TestJson.parse(CliRun.ok("predict", "--model", xor.toString(), "--input",
                "0,1;1,1", "--json").out());
        assertEquals("1", ((Map<?, ?>) rows.get(0)).get("class"));
        assertEquals("0", ((Map<?, ?>) rows.get(1)).get("class"));
        Map<?, ?> probabilities = (Map<?, ?>) ((Map<?, ?>) rows.get(0)).get("probabilities");
        assertEquals(List.of("0", "1"), List.copyOf(probabilities.keySet()));
        assertEquals(1, (Double) probabilities.get("0") + (Double) probabilities.get("1"), 1e-4);
    }

    @Test
    void regressionPrintsValues() throws IOException {
        CliRun run = CliRun.ok("predict", "--model", sine.toString(), "--input", "0.5;1.0;-2");
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        double[] values = new double[3];
        for (int r = 0; r < 3; r++) {
            assertTrue(lines.get(r).startsWith("row " + (r + 1) + ": "), lines.get(r));
            values[r] = Double.parseDouble(lines.get(r).substring(("row " + (r + 1) + ": ").length()));
        }
        List<?> json = (List<?>) TestJson.parse(CliRun.ok("predict", "--model", sine.toString(), "--input",
                "0.5;1.0;-2", "--json").out());
        assertEquals(3, json.size());
        for (int r = 0; r < 3; r++) {
            assertEquals(values[r], (Double) ((List<?>) json.get(r)).get(0), 1e-6);
        }
    }

    /** {@code --data mnist:DIR --index A..B}: rows of the test split by index, with their labels. */
    @Test
    void anIndexRangeOfAnIdxSetPredictsThoseTestRows() throws IOException {
        Path mnist = TestData.tinyMnist(directory.resolve("tiny-mnist"), 200, 30);
        Path model = CliRun.train(directory, "tiny-mnist", "--data", "mnist:" + mnist, "--model",
                "conv:4:3,relu,maxpool:2,flatten,dense:10", "--epochs", "8", "--validation-split", "0", "--seed", "2");
        CliRun run = CliRun.ok("predict", "--model", model.toString(), "--data", "mnist:" + mnist, "--index", "12..15");
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        Pattern labelled = Pattern.compile(CLASS_ROW.pattern() + "  label (\\d)(  WRONG)?");
        dev.dendrite.data.Dataset test = dev.dendrite.data.Mnist.load(mnist, false);
        for (int i = 0; i < 4; i++) {
            Matcher row = labelled.matcher(lines.get(i));
            assertTrue(row.matches(), lines.get(i));
            assertEquals(Integer.toString(12 + i), row.group(1), "numbered by index in the set");
            assertEquals(Integer.toString((12 + i) % 10), row.group(5), "the label written for that row");
            assertEquals(row.group(2).equals(row.group(5)), row.group(6) == null, lines.get(i));
            // The same row given as values predicts the same class with the same probabilities.
            float[] pixels = test.features().sliceRows(12 + i, 13 + i).toArray();
            StringBuilder values = new StringBuilder();
            for (float pixel : pixels) {
                values.append(values.length() == 0 ? "" : ",").append(pixel);
            }
            String byValues = CliRun.ok("predict", "--model", model.toString(), "--input", values.toString()).out();
            assertEquals(lines.get(i).replaceFirst("^row \\d+", "").replaceFirst("  label.*", ""),
                    byValues.strip().replaceFirst("^row 1", ""), "row " + (12 + i));
        }
        assertTrue(lines.stream().filter(line -> !line.endsWith("WRONG")).count() >= 3,
                "the squares are easy to tell apart: " + run.out());
        List<?> json = (List<?>) TestJson.parse(CliRun.ok("predict", "--model", model.toString(), "--data",
                "mnist:" + mnist, "--index", "29", "--json").out());
        Map<?, ?> only = (Map<?, ?>) json.get(0);
        assertEquals(29.0, ((Number) only.get("row")).doubleValue());
        assertEquals("9", only.get("label"));
    }

    @Test
    void badIndexRangesAndSourcesAreUsageErrors() throws IOException {
        Path mnist = TestData.tinyMnist(directory.resolve("tiny-mnist-errors"), 20, 10);
        Path model = CliRun.train(directory, "tiny-mnist-errors", "--data", "mnist:" + mnist, "--model",
                "mlp:784-8-10:relu", "--epochs", "1", "--validation-split", "0");
        String data = "mnist:" + mnist;
        CliRun.of("predict", "--model", model.toString(), "--data", data, "--index", "5..10")
                .assertFails(2, "dendrite predict: --index: expected rows from 0 to 9 of ", ", got 5..10");
        for (String bad : List.of("3..1", "-1", "a..b", "1..2..3", "")) {
            CliRun.of("predict", "--model", model.toString(), "--data", data, "--index", bad).assertFails(2,
                    "--index: expected a row I or a range A..B (both included, 0 <= A <= B), got '" + bad + "'");
        }
        CliRun.of("predict", "--model", model.toString()).assertFails(2, "expected one of --input or --data, got neither");
        CliRun.of("predict", "--model", model.toString(), "--data", data, "--input", "1,2")
                .assertFails(2, "expected one of --input or --data, got both");
        CliRun.of("predict", "--model", model.toString(), "--input", "1,2", "--index", "3")
                .assertFails(2, "--index: expected --data as well");
    }

    @Test
    void wrongWidthFailsNamingExpectedAndGot() {
        CliRun.of("predict", "--model", iris.toString(), "--input", "1,2,3")
                .assertFails(1, "dendrite predict: --input row 1: expected 4 values (the model's input width), got 3");
        CliRun.of("predict", "--model", iris.toString(), "--input", "1,2,3,4;1,2,3,4,5")
                .assertFails(1, "--input row 2: expected 4 values", "got 5");
        // XOR is not normalised: the width comes from the first layer.
        CliRun.of("predict", "--model", xor.toString(), "--input", "1,2,3")
                .assertFails(1, "--input row 1: expected 2 values (the model's input width), got 3");
    }

    @Test
    void badValuesAndFilesFail() throws IOException {
        CliRun.of("predict", "--model", iris.toString(), "--input", "1,2,x,4")
                .assertFails(1, "--input row 1, value 3: expected a finite number, got 'x'");
        CliRun.of("predict", "--model", iris.toString(), "--input", "1,2,NaN,4")
                .assertFails(1, "expected a finite number, got 'NaN'");
        Path bad = Files.writeString(directory.resolve("bad.csv"), "a,b,c,d\n1,2,3,4\n1,2,three,4\n");
        CliRun.of("predict", "--model", iris.toString(), "--input", bad.toString())
                .assertFails(1, "bad.csv line 3, column 'c': expected a finite number, got 'three'");
        Path narrow = Files.writeString(directory.resolve("narrow.csv"), "a,b,c\n1,2,3\n");
        CliRun.of("predict", "--model", iris.toString(), "--input", narrow.toString())
                .assertFails(1, narrow + " row 1: expected 4 values", "got 3");
        Path empty = Files.writeString(directory.resolve("empty.csv"), "a,b,c,d\n");
        CliRun.of("predict", "--model", iris.toString(), "--input", empty.toString())
                .assertFails(1, "expected at least one row, got none");
    }
}
