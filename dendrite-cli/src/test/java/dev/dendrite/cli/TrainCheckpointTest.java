package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.ModelFile;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite train --checkpoint DIR ... --resume DIR}: saved checkpoints, resumed runs, usage errors. */
class TrainCheckpointTest {
    /** Spiral: 240 training rows, 8 batches of 32 per epoch. */
    private static final String[] RUN = {"--data", "spiral", "--model", "mlp:2-32-3:relu", "--seed", "3"};

    @TempDir
    Path directory;

    private Path train(String name, String... options) {
        String[] args = Stream.concat(Stream.of(RUN), Stream.of(options)).toArray(String[]::new);
        return CliRun.train(directory, name, args);
    }

    @Test
    void checkpointsAreSavedEveryNBatchesWithTheBestOneBeside() throws IOException {
        Path ck = directory.resolve("ck");
        train("m", "--epochs", "3", "--checkpoint", ck.toString(), "--checkpoint-every", "5", "--keep", "2");
        // 192 training rows of spiral (60 held out for evaluate, 48 for validation): 6 batches an epoch
        assertEquals(List.of("best.safetensors", "checkpoint-000000015.safetensors",
                "checkpoint-000000018.safetensors"), files(ck));
    }

    @Test
    void aRunResumedFromTheMiddleOfAnEpochEndsWithTheUninterruptedWeights() throws IOException {
        Path straight = train("straight", "--epochs", "4");
        Path ck = directory.resolve("ck");
        train("first", "--epochs", "4", "--checkpoint", ck.toString(), "--checkpoint-every", "3", "--keep", "20");
        // a crash after step 15 (epoch 3, batch 3): only the checkpoints up to it survive
        for (String later : List.of("18", "21", "24")) {
            Files.deleteIfExists(ck.resolve("checkpoint-0000000" + later + ".safetensors"));
        }
        Path resumed = train("resumed", "--epochs", "4", "--resume", ck.toString());
        assertSameWeights(straight, resumed);
        assertTrue(files(ck).contains("checkpoint-000000024.safetensors"), files(ck).toString());
    }

    @Test
    void aFinishedRunResumesWithMoreEpochs() throws IOException {
        Path straight = train("straight", "--epochs", "3");
        Path ck = directory.resolve("ck");
        train("first", "--epochs", "2", "--checkpoint", ck.toString());
        assertSameWeights(straight, train("more", "--epochs", "3", "--resume", ck.toString()));
        String history = Files.readString(directory.resolve("more-report").resolve("history.csv"));
        assertEquals(4, history.lines().count(), "a header and the three epochs:\n" + history);
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedWithAWarning() throws IOException {
        Path ck = directory.resolve("ck");
        train("first", "--epochs", "2", "--checkpoint", ck.toString());
        Files.write(ck.resolve("checkpoint-000000016.safetensors"), new byte[] {1, 2, 3});
        String[] args = Stream.concat(Stream.of("train", "--quiet", "--out",
                directory.resolve("m.safetensors").toString(), "--report", directory.resolve("r").toString(),
                "--epochs", "2", "--resume", ck.toString()), Stream.of(RUN)).toArray(String[]::new);
        CliRun run = CliRun.ok(args);
        assertEquals("warning: skipping damaged checkpoint " + ck.resolve("checkpoint-000000016.safetensors")
                + ": expected at least 8 bytes (the header length), got a file of 3 bytes\n", run.err());
    }

    /** A run with every run option away from its default. */
    private static final String[] SETTINGS = {"--optimizer", "momentum", "--lr", "0.005", "--schedule", "cosine",
        "--normalize", "minmax", "--batch", "16", "--validation-split", "0.25", "--patience", "9"};

    @Test
    void aRunResumesFromItsFolderAloneWithEveryOptionItSaved() throws IOException {
        Path straight = train("straight", concat(SETTINGS, "--epochs", "3"));
        Path ck = directory.resolve("ck");
        train("first", concat(SETTINGS, "--epochs", "3", "--checkpoint", ck.toString(), "--checkpoint-every", "7",
                "--keep", "20"));
        // a crash after step 21, in epoch 2 (225 training rows: 15 batches each): later checkpoints are lost
        List<String> saved = files(ck);
        for (String file : saved) {
            if (file.startsWith("checkpoint-") && Long.parseLong(file.replaceAll("\\D", "")) > 21) {
                Files.delete(ck.resolve(file));
            }
        }
        assertTrue(saved.contains("checkpoint-000000021.safetensors") && saved.contains("checkpoint-000000045.safetensors"),
                saved.toString());
        Path resumed = CliRun.train(directory, "resumed", "--resume", ck.toString());
        assertSameWeights(straight, resumed);
        assertEquals("3", ModelFile.load(resumed).metadata().get("dendrite.epochs"));
    }

    @Test
    void anOptionBesideResumeMustEqualTheSavedOneExceptMoreEpochs() throws IOException {
        Path ck = directory.resolve("ck");
        train("first", concat(SETTINGS, "--epochs", "2", "--checkpoint", ck.toString()));
        String[][] differing = {{"--lr", "0.01", "'0.005'", "'0.01'"}, {"--schedule", "constant", "'cosine'",
            "'constant'"}, {"--normalize", "standard", "'minmax'", "'standard'"}, {"--data", "moons", "'spiral'",
            "'moons'"}, {"--seed", "4", "'3'", "'4'"}, {"--batch", "32", "'16'", "'32'"},
            {"--optimizer", "adam", "'momentum'", "'adam'"}, {"--loss", "mse", "the default", "'mse'"},
            {"--model", "mlp:2-16-3:relu", "'mlp:2-32-3:relu'", "'mlp:2-16-3:relu'"},
            {"--validation-split", "0.2", "'0.25'", "'0.2'"}, {"--patience", "0", "'9'", "'0'"}};
        for (String[] option : differing) {
            CliRun.of("train", "--quiet", "--resume", ck.toString(), option[0], option[1]).assertFails(2,
                    "dendrite train: " + option[0] + ": expected " + option[2] + " as saved in " + ck
                            + " for the run it resumes, got " + option[3] + " (leave " + option[0] + " out");
        }
        CliRun.of("train", "--quiet", "--resume", ck.toString(), "--epochs", "1").assertFails(2,
                "--epochs: expected at least 2, the epochs of the run saved in " + ck + ", got 1");
        Path same = CliRun.train(directory, "same", "--resume", ck.toString(), "--lr", "5e-3", "--data", "spiral",
                "--epochs", "3");
        assertEquals("3", ModelFile.load(same).metadata().get("dendrite.epochs"), "the same values, written otherwise");
    }

    @Test
    void aCheckpointFromBeforeSettingsWereSavedResumesWithTheOptionsGiven() throws IOException {
        Path fixtures = Path.of("..", "dendrite-core", "src", "test", "resources", "fixtures", "v1");
        Path ck = Files.createDirectories(directory.resolve("old"));
        Files.copy(fixtures.resolve("iris-checkpoints/checkpoint-000000004.safetensors"),
                ck.resolve("checkpoint-000000004.safetensors"));
        Path resumed = CliRun.train(directory, "resumed", "--data", "iris", "--epochs", "2", "--seed", "7",
                "--resume", ck.toString());
        assertSameWeights(fixtures.resolve("iris-model.safetensors"), resumed);
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void resumingFromAFolderWithoutCheckpointsIsAOneLineUsageError() throws IOException {
        Path empty = Files.createDirectories(directory.resolve("empty"));
        CliRun run = CliRun.of("train", "--data", "spiral", "--resume", empty.toString());
        assertEquals(2, run.code());
        assertEquals("dendrite train: --resume: expected a folder of checkpoint-<step>.safetensors files, got " + empty
                + " with none (try 'dendrite train --help')\n", run.err());
        CliRun missing = CliRun.of("train", "--resume", directory.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("got no folder " + directory.resolve("nope")), missing.err());
    }

    @Test
    void aNewRunIntoAFolderOfCheckpointsIsAUsageError() {
        Path ck = directory.resolve("ck");
        train("first", "--epochs", "1", "--checkpoint", ck.toString());
        assertUsageError("--checkpoint: expected a folder without checkpoints for a new run, got " + ck
                + " with some (continue that run with --resume " + ck + ")", "--checkpoint", ck.toString());
    }

    @Test
    void checkpointOptionsWithoutAFolderOrTogetherAreUsageErrors() {
        assertUsageError("--checkpoint-every: expected --checkpoint DIR to save into, got none",
                "--checkpoint-every", "10");
        assertUsageError("--checkpoint-every: expected either it or --checkpoint-every-epochs, got both",
                "--checkpoint", "ck", "--checkpoint-every", "10", "--checkpoint-every-epochs", "1");
        assertUsageError("--keep: expected at least 1, got 0", "--checkpoint", "ck", "--keep", "0");
        assertUsageError("--checkpoint-every: expected at least 1, got 0",
                "--checkpoint", "ck", "--checkpoint-every", "0");
    }

    private static void assertUsageError(String message, String... options) {
        String[] args = Stream.concat(Stream.of("train"), Stream.of(options)).toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), run.err());
        assertEquals("dendrite train: " + message + " (try 'dendrite train --help')\n", run.err());
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameWeights(Path expected, Path actual) throws IOException {
        Map<String, Tensor> want = ModelFile.load(expected).model().namedParameters();
        Map<String, Tensor> got = ModelFile.load(actual).model().namedParameters();
        assertEquals(want.keySet(), got.keySet());
        want.forEach((name, tensor) -> assertArrayEquals(tensor.data(), got.get(name).data(), name));
    }
}
