package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --data csv:...}: a numeric target or a missing label column gets a message that says how to fix it. */
class CsvTargetTest {
    @TempDir
    Path directory;

    /** {@code rows} rows of x and a label computed by {@code label}. */
    private Path csv(String name, String header, int rows, java.util.function.IntFunction<String> label)
            throws IOException {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int row = 0; row < rows; row++) {
            text.append(String.format(Locale.ROOT, "%d,%s%n", row % 7, label.apply(row)));
        }
        return Files.writeString(directory.resolve(name), text);
    }

    private String out() {
        return directory.resolve("m.safetensors").toString();
    }

    @Test
    void fractionalLabelsForAClassifierNameTheRegressionLoss() throws IOException {
        Path file = csv("prices.csv", "x,label", 40, row -> (row * 1.5) + "");
        CliRun run = CliRun.of("train", "--quiet", "--epochs", "1", "--out", out(), "--data", "csv:" + file);
        run.assertFails(2, "dendrite train: --data: expected class labels in column 'label' of " + file
                + " for a classifier, got a numeric target (40 distinct values from 0 to 58.5 in 40 rows); "
                + "train a regression model on it with --loss mse");
        CliRun.ok("train", "--quiet", "--epochs", "1", "--out", out(), "--data", "csv:" + file, "--loss", "mse");
    }

    @Test
    void manyWholeNumberLabelsAreANumericTargetNotThousandsOfClasses() throws IOException {
        Path file = csv("counts.csv", "x,label", 60, row -> Integer.toString(100 + 7 * row));
        CliRun.of("train", "--quiet", "--epochs", "1", "--out", out(), "--data", "csv:" + file)
                .assertFails(2, "got a numeric target (60 distinct values from 100 to 513 in 60 rows)", "--loss mse");
        assertFalse(Files.exists(directory.resolve("m.safetensors")));
    }

    @Test
    void fewWholeNumberClassesStayClasses() throws IOException {
        Path file = csv("classes.csv", "x,label", 60, row -> Integer.toString(row % 3));
        CliRun run = CliRun.ok("train", "--quiet", "--epochs", "1", "--out", out(), "--data", "csv:" + file);
        assertFalse(run.err().contains("--loss mse"), run.err());
        // 20 classes over 30 rows is many classes of few rows, but not a target: below the threshold it trains
        Path small = csv("small.csv", "x,label", 30, row -> Integer.toString(row % (CsvTarget.FEW_CLASSES - 1)));
        CliRun.ok("train", "--quiet", "--epochs", "1", "--validation-split", "0", "--out", out(), "--data",
                "csv:" + small);
    }

    @Test
    void aMissingLabelColumnShowsTheSyntaxAndTheColumns() throws IOException {
        Path file = csv("houses.csv", "rooms,price", 10, row -> Integer.toString(row));
        CliRun run = CliRun.of("train", "--quiet", "--out", out(), "--data", "csv:" + file);
        run.assertFails(2, "dendrite train: --data: expected a label column named 'label' in " + file
                + ", got the columns rooms, price; name the label column as csv:FILE:COLUMN, for example csv:" + file
                + ":price");
        CliRun named = CliRun.of("train", "--quiet", "--out", out(), "--data", "csv:" + file + ":cost");
        named.assertFails(2, "expected a label column named 'cost' in " + file + ", got the columns rooms, price");
    }
}
