package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint folder: damaged files, empty folders, retention, the best file, runs that do not match. */
class CheckpointDirectoryTest {
    @TempDir
    Path folder;

    private static History trainWithCheckpoints(CheckpointPolicy policy) {
        return new CheckpointRun("adam", 8, 3, 1, policy).trainer.fit(CheckpointRun.data());
    }

    @Test
    void aTruncatedNewestCheckpointIsSkippedWithAWarningForThePreviousOne() throws IOException {
        trainWithCheckpoints(CheckpointPolicy.in(folder).everyBatches(4).keep(2));
        List<CheckpointDirectory.Entry> entries = CheckpointDirectory.list(folder);
        assertEquals(List.of(16L, 18L), entries.stream().map(CheckpointDirectory.Entry::step).toList());
        Path newest = entries.get(1).file();
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 10);
        }
        List<String> warnings = new ArrayList<>();
        CheckpointDirectory.Found found = CheckpointDirectory.latest(folder, warnings::add);
        assertEquals(16, found.checkpoint().step());
        assertEquals(List.of(newest), found.skipped());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("warning: skipping damaged checkpoint " + newest + ": "),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("expected data_offsets within the "), warnings.get(0));
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws IOException {
        trainWithCheckpoints(CheckpointPolicy.in(folder));
        Path newest = CheckpointDirectory.list(folder).get(2).file();
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 5] ^= 1;
        Files.write(newest, bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointDirectory.read(newest));
        assertTrue(e.getMessage().startsWith(newest + ": expected a header and data with checksum "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the file is damaged"), e.getMessage());
    }

    @Test
    void resumingSkipsADamagedCheckpointAndSetsItAside() throws IOException {
        Path ck = folder.resolve("ck");
        CheckpointRun straight = new CheckpointRun("adam", 8, 3, 1, null);
        History expected = straight.trainer.fit(CheckpointRun.data());
        trainWithCheckpoints(CheckpointPolicy.in(ck).everyBatches(5).keep(3));
        Path newest = CheckpointDirectory.list(ck).get(2).file();
        Files.write(newest, new byte[] {1, 2, 3});
        List<String> warnings = new ArrayList<>();
        CheckpointRun resumed = new CheckpointRun("adam", 8, 3, 7, CheckpointPolicy.in(ck).everyBatches(5).keep(3)
                .warnings(warnings::add));
        History history = resumed.trainer.resume(CheckpointRun.data(), ck);
        CheckpointResumeTest.assertSameRun(straight, expected, resumed, history, "resumed past a damaged file");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("not a safetensors model file (expected at least 8 bytes, the header length, got a file of 3 bytes)"), warnings.get(0));
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".damaged")));
    }

    @Test
    void resumingFromAnEmptyOrMissingFolderSaysSoInOneLine() throws IOException {
        CheckpointRun run = new CheckpointRun("adam", 8, 3, 1, null);
        NoSuchFileException empty = assertThrows(NoSuchFileException.class,
                () -> run.trainer.resume(CheckpointRun.data(), folder));
        assertEquals(folder + ": expected a folder of checkpoint-<step>.safetensors files to resume from, got none",
                empty.getMessage());
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> run.trainer.resume(CheckpointRun.data(), folder.resolve("nope")));
        assertTrue(missing.getMessage().endsWith("got no such folder"), missing.getMessage());
    }

    @Test
    void onlyDamagedCheckpointsFailNamingTheNewestProblem() throws IOException {
        Files.write(CheckpointDirectory.fileFor(folder, 3), new byte[20]);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointDirectory.latest(folder, line -> { }));
        String start = folder + ": expected a complete checkpoint, got 1 damaged one (the newest: ";
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void theBestCheckpointIsTheEpochWithTheLowestValidationLoss() throws IOException {
        History history = new CheckpointRun("adam", 8, 6, 1, CheckpointPolicy.in(folder).keep(1)).trainer
                .fit(CheckpointRun.data());
        double[] losses = history.series("val_loss");
        int bestEpoch = 1;
        for (int epoch = 2; epoch <= losses.length; epoch++) {
            bestEpoch = losses[epoch - 1] < losses[bestEpoch - 1] ? epoch : bestEpoch;
        }
        Checkpoint best = CheckpointDirectory.read(folder.resolve("best.safetensors"));
        assertEquals(bestEpoch, best.position().epochsDone());
        assertEquals(bestEpoch, best.history().size());
        assertEquals(List.of(36L),
                CheckpointDirectory.list(folder).stream().map(CheckpointDirectory.Entry::step).toList());
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedBeforeAnythingChanges() throws IOException {
        trainWithCheckpoints(CheckpointPolicy.in(folder));
        CheckpointRun wider = new CheckpointRun("adam", 9, 3, 1, null);
        List<float[]> before = CheckpointRun.weights(wider.model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wider.trainer.resume(CheckpointRun.data(), folder));
        assertTrue(e.getMessage().startsWith("resume: expected the model's parameters {layers.0.weight=[2, 9]"),
                e.getMessage());
        assertArrayEquals(before.get(0), CheckpointRun.weights(wider.model).get(0));
        CheckpointRun momentum = new CheckpointRun("momentum", 8, 3, 1, null);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> momentum.trainer.resume(CheckpointRun.data(), folder));
        assertEquals("SGD.loadState: expected the state of a SGD, got the state of a Adam", other.getMessage());
    }

    @Test
    void aNewRunRefusesAFolderWithAnotherRunsCheckpoints() throws IOException {
        trainWithCheckpoints(CheckpointPolicy.in(folder));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainWithCheckpoints(CheckpointPolicy.in(folder)));
        assertEquals("checkpoint: expected an empty folder for a new run, got " + folder + " with 3 checkpoints of "
                + "another run; resume that run from it or choose another folder", e.getMessage());
    }

    @Test
    void leftoverTemporaryFilesOfAKilledSaveAreDeletedButNotThoseOfALiveProcess() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path leftover = folder.resolve(".checkpoint-000000004.safetensors." + ended.pid() + "-1.tmp");
        Files.write(leftover, new byte[100]);
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path alive = folder.resolve(".checkpoint-000000004.safetensors." + live + "-1.tmp");
        Files.write(alive, new byte[100]);
        trainWithCheckpoints(CheckpointPolicy.in(folder));
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(alive), "a live process's temporary file is never deleted");
    }

    @Test
    void aFifoAFolderAndADanglingLinkByACheckpointsNameAreSkippedUnopened() throws Exception {
        trainWithCheckpoints(CheckpointPolicy.in(folder).keep(1));
        Path fifo = CheckpointDirectory.fileFor(folder, 100);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        Files.createDirectory(CheckpointDirectory.fileFor(folder, 101));
        Files.createSymbolicLink(CheckpointDirectory.fileFor(folder, 102), folder.resolve("gone.safetensors"));
        List<String> warnings = new ArrayList<>();
        CheckpointDirectory.Found found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> CheckpointDirectory.latest(folder, warnings::add));
        assertEquals(18, found.checkpoint().step());
        assertEquals(List.of(
                "warning: skipping " + CheckpointDirectory.fileFor(folder, 102) + ": expected a checkpoint file, got "
                        + "a dangling symbolic link",
                "warning: skipping " + CheckpointDirectory.fileFor(folder, 101) + ": expected a checkpoint file, got "
                        + "a directory",
                "warning: skipping " + fifo + ": expected a checkpoint file, got a FIFO, device or socket"), warnings);
        // resuming prunes around them: they are neither counted nor deleted
        CheckpointRun longer = new CheckpointRun("adam", 8, 4, 1, CheckpointPolicy.in(folder).keep(1));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> longer.trainer.resume(CheckpointRun.data(), folder));
        assertTrue(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(CheckpointDirectory.fileFor(folder, 101)));
    }
}
