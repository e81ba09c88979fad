package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.ModelFile;
import dev.dendrite.io.SafetensorsReader;
import dev.dendrite.io.SafetensorsWriter;
import dev.dendrite.io.StoredTensor;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite train --checkpoint DIR ... --resume DIR}: saved checkpoints, resumed runs, usage errors. */
class TrainCheckpointTest {
    /** Spiral: 192 training rows (after the test and validation splits), 6 batches of 32 per epoch. */
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
        // and the lock file every run holds while it writes there
        assertEquals(List.of(".dendrite.lock", "best.safetensors", "checkpoint-000000015.safetensors",
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
                + ": not a safetensors model file (expected at least 8 bytes, the header length, got a file of 3 bytes)\n", run.err());
    }

    /** A run with every run option away from its default. */
    private static final String[] SETTINGS = {"--optimizer", "momentum", "--lr", "0.005", "--schedule", "cosine",
        "--normalize", "minmax", "--batch", "16", "--validation-split", "0.25", "--patience", "9",
        "--weight-decay", "0.001"};

    @Test
    void everyOptionOfTrainIsARunSettingOrDeclaredFree() {
        Set<String> options = new TreeSet<>();
        new CommandLine(new TrainCommand()).getCommandSpec().options().forEach(option -> options.add(option.longestName()));
        Set<String> covered = new TreeSet<>(RunSettings.options());
        covered.addAll(RunSettings.NOT_SETTINGS);
        assertEquals(covered, options, "a new option of train must be saved with the run or declared free");
    }

    @Test
    void aRunResumesFromItsFolderAloneWithEveryOptionItSaved() throws IOException {
        Path straight = train("straight", concat(SETTINGS, "--epochs", "3"));
        Path ck = directory.resolve("ck");
        train("first", concat(SETTINGS, "--epochs", "3", "--checkpoint", ck.toString(), "--checkpoint-every", "7",
                "--keep", "20"));
        // a crash after step 14, in epoch 2 (180 training rows: 12 batches each): later checkpoints are lost
        List<String> saved = files(ck);
        assertEquals("checkpoint-000000036.safetensors", saved.get(saved.size() - 1), saved.toString());
        for (String file : saved) {
            if (file.startsWith("checkpoint-") && Long.parseLong(file.replaceAll("\\D", "")) > 14) {
                Files.delete(ck.resolve(file));
            }
        }
        Path resumed = CliRun.train(directory, "resumed", "--resume", ck.toString());
        assertSameWeights(straight, resumed);
        assertEquals("3", ModelFile.load(resumed).metadata().get("dendrite.epochs"));
    }

    /** Shifted images are drawn anew from (seed, epoch, batch) on resume, so the weights match bit for bit. */
    @Test
    void aRunWithShiftedImagesResumesToTheUninterruptedWeights() throws IOException {
        String[] run = {"--data", "digits", "--augment", "shift:1", "--epochs", "2", "--seed", "5"};
        Path straight = CliRun.train(directory, "straight", run);
        Path ck = directory.resolve("ck");
        CliRun.train(directory, "first", concat(run, "--checkpoint", ck.toString(), "--checkpoint-every", "10",
                "--keep", "20"));
        for (String file : files(ck)) {
            if (file.startsWith("checkpoint-") && Long.parseLong(file.replaceAll("\\D", "")) > 50) {
                Files.delete(ck.resolve(file));
            }
        }
        Path resumed = CliRun.train(directory, "resumed", "--resume", ck.toString());
        assertSameWeights(straight, resumed);
        assertEquals("shift:1", ModelFile.load(resumed).metadata().get("dendrite.augment"), "the saved option was used");
        Path unshifted = CliRun.train(directory, "unshifted", "--data", "digits", "--epochs", "2", "--seed", "5");
        assertFalse(Arrays.equals(ModelFile.load(straight).model().parameters().get(0).data(),
                ModelFile.load(unshifted).model().parameters().get(0).data()), "the shifts changed training");
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
            {"--validation-split", "0.2", "'0.25'", "'0.2'"}, {"--patience", "0", "'9'", "'0'"},
            {"--weight-decay", "0", "'0.001'", "'0.0'"}, {"--augment", "shift:1", "'none'", "'shift:1'"}};
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
    void aCheckpointWithoutSavedOptionsResumesWithTheOptionsGiven() throws IOException {
        Path straight = train("straight", "--epochs", "2");
        Path ck = directory.resolve("ck");
        train("first", "--epochs", "2", "--checkpoint", ck.toString(), "--keep", "5");
        Files.delete(ck.resolve("checkpoint-000000012.safetensors"));   // 6 batches per epoch
        Path older = ck.resolve("checkpoint-000000006.safetensors");
        withoutSavedOptions(older);
        Path resumed = train("resumed", "--epochs", "2", "--resume", ck.toString());
        assertSameWeights(straight, resumed);
    }

    @Test
    void aCheckpointOfTheFormatVersion1FixturesIsRefusedInOneLineWhenTheRunDiffers() throws IOException {
        // Written before bundled sets held out a test split: its run had 120 training rows, today's has 96.
        Path fixtures = Path.of("..", "dendrite-core", "src", "test", "resources", "fixtures", "v1");
        Path ck = Files.createDirectories(directory.resolve("old"));
        Files.copy(fixtures.resolve("iris-checkpoints/checkpoint-000000004.safetensors"),
                ck.resolve("checkpoint-000000004.safetensors"));
        CliRun.of("train", "--quiet", "--out", directory.resolve("m.safetensors").toString(), "--report",
                directory.resolve("r").toString(), "--data", "iris", "--epochs", "2", "--seed", "7", "--resume",
                ck.toString()).assertFails(1, "dendrite train: resume: expected a checkpoint of this run",
                "got one of seed 7, batch size 32, 120 training rows");
    }

    /** Rewrites a checkpoint as one written before the options were saved: no {@code run.} entries. */
    private static void withoutSavedOptions(Path checkpoint) throws IOException {
        Map<String, String> metadata;
        Map<String, StoredTensor> tensors;
        try (SafetensorsReader reader = SafetensorsReader.open(checkpoint)) {
            metadata = new LinkedHashMap<>(reader.metadata());
            tensors = reader.readAll(null);
        }
        assertTrue(metadata.keySet().removeIf(key -> key.startsWith("run.")), metadata.toString());
        metadata.remove("crc32");
        metadata.put("crc32", Long.toHexString(SafetensorsWriter.crc32(metadata, tensors)));
        SafetensorsWriter.write(checkpoint, metadata, tensors, SafetensorsWriter.SaveListener.NONE);
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    /** {@code dendrite train} with the spiral run's options and {@code more}. */
    private static String[] trainRun(String... more) {
        return concat(concat(new String[] {"train"}, RUN), more);
    }

    @Test
    void resumingFromAFolderWithoutCheckpointsStartsTheRunThereAndSaysSo() throws IOException {
        Path straight = train("straight", "--epochs", "2");
        Path empty = Files.createDirectories(directory.resolve("empty"));
        CliRun run = CliRun.ok(trainRun("--epochs", "2", "--out", directory.resolve("a.safetensors").toString(),
                "--resume", empty.toString()));
        assertTrue(run.out().contains("no checkpoint in " + empty + " yet: starting the run from the beginning\n"),
                run.out());
        assertSameWeights(straight, directory.resolve("a.safetensors"));
        assertTrue(files(empty).contains("checkpoint-000000012.safetensors"), "checkpoints go to the folder: "
                + files(empty));

        Path missing = directory.resolve("nope");
        CliRun fresh = CliRun.ok(trainRun("--epochs", "1", "--out", directory.resolve("b.safetensors").toString(),
                "--resume", missing.toString()));
        assertTrue(fresh.out().contains("no checkpoint in " + missing + " yet"), fresh.out());
        assertTrue(fresh.out().contains(" after 1 epoch in "), "singular: " + fresh.out());
        // The retry after that run resumes it, and says from where.
        CliRun again = CliRun.ok(trainRun("--epochs", "2", "--out", directory.resolve("c.safetensors").toString(),
                "--resume", missing.toString()));
        assertTrue(again.out().contains("resuming from " + missing.resolve("checkpoint-000000006.safetensors")
                + " (step 6, after epoch 1)\n"), again.out());
        assertSameWeights(straight, directory.resolve("c.safetensors"));
    }

    @Test
    void resumingFromTheMiddleOfAnEpochNamesTheFileStepEpochAndBatch() throws IOException {
        Path ck = directory.resolve("ck");
        train("first", "--epochs", "2", "--checkpoint", ck.toString(), "--checkpoint-every", "4", "--keep", "5");
        Files.delete(ck.resolve("checkpoint-000000012.safetensors"));
        Files.delete(ck.resolve("checkpoint-000000008.safetensors"));
        CliRun run = CliRun.ok(trainRun("--epochs", "2", "--out", directory.resolve("r.safetensors").toString(),
                "--resume", ck.toString()));
        assertTrue(run.out().contains("resuming from " + ck.resolve("checkpoint-000000004.safetensors")
                + " (step 4, epoch 1 after batch 4)\n"), run.out());
    }

    @Test
    void unwritableCheckpointAndReportFoldersAreRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(directory.resolve("notes.txt"), "a file, not a folder");
        Path model = directory.resolve("m.safetensors");
        CliRun report = CliRun.of(trainRun("--out", model.toString(), "--report", file.resolve("r").toString()));
        report.assertFails(2, "dendrite train: --report: expected a folder that can be created, got "
                + file.resolve("r") + ", which lies under the file " + file);
        assertFalse(report.out().contains("training"), "refused before training: " + report.out());
        CliRun checkpoint = CliRun.of(trainRun("--out", model.toString(), "--checkpoint",
                file.resolve("ck").toString()));
        checkpoint.assertFails(2, "dendrite train: --checkpoint: expected a folder that can be created, got "
                + file.resolve("ck") + ", which lies under the file " + file);
        CliRun resume = CliRun.of(trainRun("--out", model.toString(), "--resume", file.toString()));
        resume.assertFails(2, "dendrite train: --resume: expected a folder, got the file " + file);
        assertFalse(Files.exists(model), "nothing trained, nothing saved");
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
