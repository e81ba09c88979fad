package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.Architecture;
import dev.dendrite.io.ModelFile;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite summary} end to end: the layer table and the metadata of a trained model. */
class SummaryCommandTest {
    @TempDir
    Path directory;

    @Test
    void listsEveryLayerWithOutputShapesAndParameterCounts() throws IOException {
        Path model = CliRun.train(directory, "iris", "--data", "iris", "--model", "mlp:4-64-32-3:relu", "--epochs", "2");
        CliRun run = CliRun.ok("summary", "--model", model.toString());
        List<String> rows = run.out().lines().filter(line -> line.startsWith("layers.")).toList();
        List<String[]> expected = List.of(
                new String[] {"layers.0", "Normalization(4)", "[N, 4]", "0"},
                new String[] {"layers.1", "Dense(4 -> 64)", "[N, 64]", "320"},
                new String[] {"layers.2", "ReLU()", "[N, 64]", "0"},
                new String[] {"layers.3", "Dense(64 -> 32)", "[N, 32]", "2,080"},
                new String[] {"layers.4", "ReLU()", "[N, 32]", "0"},
                new String[] {"layers.5", "Dense(32 -> 3)", "[N, 3]", "99"});
        assertEquals(expected.size(), rows.size(), run.out());
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            String[] cells = expected.get(i);
            assertTrue(row.startsWith(cells[0] + " "), row);
            for (String cell : cells) {
                assertTrue(row.contains(cell), "'" + cell + "' in " + row);
            }
            assertTrue(row.endsWith(" " + cells[3]), row);
        }
        long total = ModelFile.load(model).model().parameterCount();
        assertEquals(320 + 2080 + 99, total);
        assertEquals(total, Long.parseLong(run.group("total parameters: ([0-9,]+)").replace(",", "")));
        assertTrue(run.out().contains("input [N, 4]; total parameters: 2,499"), run.out());
    }

    @Test
    void showsTheMetadataButNotTheArchitectureJson() throws IOException {
        Path model = CliRun.train(directory, "xor", "--data", "xor", "--model", "mlp:2-8-1:tanh", "--epochs", "2");
        CliRun run = CliRun.ok("summary", "--model", model.toString());
        assertTrue(run.out().contains("\nmetadata:\n"), run.out());
        for (String key : List.of("dendrite.data", "dendrite.epochs", "dendrite.optimizer", "dendrite.seed",
                "dendrite.loss", "dendrite.classes")) {
            assertTrue(run.out().contains("  " + key + " "), key + " in:\n" + run.out());
        }
        assertTrue(run.out().contains("binary_cross_entropy"), run.out());
        assertTrue(run.out().contains("dendrite.classes         0, 1"), "class names on one line:\n" + run.out());
        assertFalse(run.out().contains("architecture"), run.out());
    }

    /** Layers without parameters of their own (Dropout) and a model from an architecture file. */
    @Test
    void modelWithDropoutFromAnArchitectureFile() throws IOException {
        Sequential network = new Sequential(new Dense(64, 16, new Random(1)), new ReLU(),
                new Dropout(0.25, new Random(2)), new Dense(16, 10, new Random(3)));
        Path json = Files.writeString(directory.resolve("net.json"), Architecture.describe(network));
        Path model = CliRun.train(directory, "digits", "--model", json.toString(), "--epochs", "1");
        CliRun run = CliRun.ok("summary", "--model", model.toString());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("layers.2 ") && line.contains("[N, 16]")
                && line.endsWith(" 0")), run.out());
        assertTrue(run.out().contains("input [N, 64]; total parameters: " + String.format(Locale.ROOT, "%,d",
                network.parameterCount())), run.out());
    }

    @Test
    void missingOrBrokenModelFiles() throws IOException {
        Path missing = directory.resolve("missing.safetensors");
        CliRun.of("summary", "--model", missing.toString()).assertFails(1, "dendrite summary: no such file: " + missing);
        Path garbage = Files.writeString(directory.resolve("garbage.safetensors"), "not a model at all");
        CliRun.of("summary", "--model", garbage.toString()).assertFails(1, garbage.toString());
        CliRun.of("summary", "--model", directory.toString())
                .assertFails(1, directory + ": expected a model file, got a directory");
    }
}
