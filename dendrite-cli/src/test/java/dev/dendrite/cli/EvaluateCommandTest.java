package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite evaluate} end to end, on models trained by {@code dendrite train}. */
class EvaluateCommandTest {
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
    void textReportHasAccuracyAndAPerClassTable() {
        CliRun run = CliRun.ok("evaluate", "--model", iris.toString(), "--data", "iris");
        assertTrue(run.out().startsWith("scored the test split (20% of iris held out with a fixed seed; train never "
                + "sees it)\niris: 30 samples"), run.out());
        double accuracy = run.number("(?m)^accuracy\\s+([0-9.]+)$");
        assertTrue(accuracy > 0.8 && accuracy <= 1, run.out());
        assertTrue(run.out().contains("class           precision  recall     f1  support"), run.out());
        long support = 0;
        for (String name : List.of("setosa", "versicolor", "virginica")) {
            String row = run.out().lines().filter(line -> line.startsWith(name + " ")).findFirst().orElseThrow(
                    () -> new AssertionError("no table row for " + name + " in:\n" + run.out()));
            String[] cells = row.trim().split("\\s+");
            assertEquals(5, cells.length, row);
            support += Long.parseLong(cells[4]);
        }
        assertEquals(30, support, "support sums to the sample count");
        assertTrue(run.out().contains("macro F1 "), run.out());
        assertTrue(run.out().contains("confusion matrix (rows: true class, columns: predicted)"), run.out());
    }

    @Test
    void jsonReportParsesAndAgreesWithTheText() throws IOException {
        CliRun text = CliRun.ok("evaluate", "--model", iris.toString(), "--data", "iris");
        CliRun run = CliRun.ok("evaluate", "--model", iris.toString(), "--data", "iris", "--json");
        Map<String, Object> json = TestJson.object(run.out());
        assertEquals("iris", json.get("data"));
        assertEquals(30.0, json.get("samples"));
        assertTrue(((String) json.get("split")).startsWith("the test split (20% of iris"), run.out());
        double accuracy = (Double) json.get("accuracy");
        assertEquals(text.number("(?m)^accuracy\\s+([0-9.]+)$"), accuracy, 5e-5);
        assertEquals(text.number("(?m)^loss\\s+([0-9.]+)$"), (Double) json.get("loss"), 5e-6);

        List<?> classes = (List<?>) json.get("classes");
        assertEquals(List.of("setosa", "versicolor", "virginica"),
                classes.stream().map(c -> ((Map<?, ?>) c).get("name")).toList());
        for (Object c : classes) {
            assertTrue(((Map<?, ?>) c).keySet().containsAll(List.of("precision", "recall", "f1")), c.toString());
        }
        List<?> confusion = (List<?>) json.get("confusion");
        assertEquals(3, confusion.size());
        double total = 0;
        double diagonal = 0;
        for (int t = 0; t < 3; t++) {
            List<?> row = (List<?>) confusion.get(t);
            assertEquals(3, row.size());
            for (int p = 0; p < 3; p++) {
                total += (Double) row.get(p);
                diagonal += t == p ? (Double) row.get(p) : 0;
            }
        }
        assertEquals(30, total, "the confusion matrix counts every sample once");
        assertEquals(accuracy, diagonal / total, 1e-5);
    }

    @Test
    void regressionModelPrintsRmseAndMae() throws IOException {
        CliRun run = CliRun.ok("evaluate", "--model", sine.toString(), "--data", "sine");
        double rmse = run.number("(?m)^rmse\\s+([0-9.]+)$");
        double mae = run.number("(?m)^mae\\s+([0-9.]+)$");
        assertTrue(rmse > 0 && mae > 0 && mae <= rmse, run.out());
        assertFalse(run.out().contains("accuracy"), run.out());

        Map<String, Object> json = TestJson.object(CliRun.ok("evaluate", "--model", sine.toString(), "--data", "sine",
                "--json").out());
        assertEquals(rmse, (Double) json.get("rmse"), 5e-6);
        assertEquals(mae, (Double) json.get("mae"), 5e-6);
        assertFalse(json.containsKey("accuracy"));
    }

    @Test
    void binaryModelWithOneOutputScoresBothClasses() throws IOException {
        Map<String, Object> json = TestJson.object(CliRun.ok("evaluate", "--model", xor.toString(), "--data", "xor",
                "--json").out());
        assertTrue((Double) json.get("accuracy") >= 0.9, json.toString());
        assertEquals(2, ((List<?>) json.get("confusion")).size());
    }

    /** A file holding only some of the classes keeps the model's index for each. */
    @Test
    void csvWithSomeOfTheClassesIsScoredWithTheModelsClasses() throws IOException {
        StringBuilder all = new StringBuilder("x1,x2,label\n");
        StringBuilder some = new StringBuilder("x1,x2,label\n");
        String[] names = {"ant", "bee", "cat"};
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            String row = (3 * c + 0.1 * (i % 5)) + "," + (-2 * c - 0.1 * (i % 7)) + "," + names[c] + "\n";
            all.append(row);
            some.append(c == 1 ? "" : row);
        }
        Path allFile = Files.writeString(directory.resolve("all.csv"), all);
        Path someFile = Files.writeString(directory.resolve("some.csv"), some);
        Path model = CliRun.train(directory, "abc", "--data", "csv:" + allFile, "--epochs", "20", "--lr", "0.01");

        Map<String, Object> json = TestJson.object(CliRun.ok("evaluate", "--model", model.toString(), "--data",
                "csv:" + someFile, "--json").out());
        assertEquals(List.of("ant", "bee", "cat"),
                ((List<?>) json.get("classes")).stream().map(c -> ((Map<?, ?>) c).get("name")).toList());
        assertEquals(List.of(0.0, 0.0, 0.0), ((List<?>) json.get("confusion")).get(1), "no bee rows");
        assertEquals(1.0, (Double) json.get("accuracy"), json.toString());
        assertTrue((Double) json.get("loss") < 0.5, "cat rows are scored as cat, not as bee: " + json);
    }

    @Test
    void dataThatDoesNotFitTheModelFails() {
        CliRun.of("evaluate", "--model", iris.toString(), "--data", "digits")
                .assertFails(1, "dendrite evaluate: data: expected 4 features per row (the model's input width), "
                        + "got 64 in digits");
        CliRun.of("evaluate", "--model", sine.toString(), "--data", "xor")
                .assertFails(1, "expected 1 feature per row", "got 2 in xor");
        CliRun.of("evaluate", "--model", xor.toString(), "--data", "spiral")
                .assertFails(1, "expected the model's 2 classes [0, 1], got 3 classes [0, 1, 2] in spiral");
        Path sineCsv = directory.resolve("sine.csv");
        CliRun.of("evaluate", "--model", sine.toString(), "--data", "csv:" + sineCsv)
                .assertFails(1, "no such file: " + sineCsv);
    }

    @Test
    void missingOptionsAreUsageErrors() {
        CliRun.of("evaluate", "--data", "iris").assertFails(2, "Missing required option: '--model=FILE'",
                "(try 'dendrite evaluate --help')");
        CliRun.of("evaluate", "--model", iris.toString()).assertFails(2, "--data");
    }
}
