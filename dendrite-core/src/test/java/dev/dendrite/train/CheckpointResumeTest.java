package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In-process interrupt and resume: a resumed run ends with the uninterrupted run's weights and
 * history, bit for bit.
 */
class CheckpointResumeTest {
    @TempDir
    Path folder;

    /**
     * Runs {@code kind} straight, then again saving a checkpoint after every batch; resumes fresh
     * models from the checkpoints after {@code steps} (mid-epoch and at epoch ends, 6 batches per
     * epoch) and compares everything but the seconds.
     */
    @ParameterizedTest
    @CsvSource({"adam, 3 6 13", "momentum, 1 12 17", "dropout, 4 11 18", "buffer, 5 12 19",
            "rmsprop-cosine, 2 9 23"})
    void aResumedRunEndsBitForBitWhereAnUninterruptedOneDoes(String kind, String steps) throws IOException {
        CheckpointRun straight = new CheckpointRun(kind, 16, 4, 1, null);
        History expected = straight.trainer.fit(CheckpointRun.data());

        Path all = folder.resolve("all");
        CheckpointRun saving = new CheckpointRun(kind, 16, 4, 1, CheckpointPolicy.in(all).everyBatches(1).keep(100));
        History withSaves = saving.trainer.fit(CheckpointRun.data());
        assertSameRun(straight, expected, saving, withSaves, "saving checkpoints changed the run");
        assertEquals(24, CheckpointDirectory.list(all).size());

        for (String step : steps.split(" ")) {
            Path single = folder.resolve("from-" + step);
            Files.createDirectories(single);
            Path name = CheckpointDirectory.fileFor(all, Long.parseLong(step)).getFileName();
            Files.copy(all.resolve(name), single.resolve(name));
            CheckpointRun resumed = new CheckpointRun(kind, 16, 4, 99, CheckpointPolicy.in(single).everyBatches(5));
            History history = resumed.trainer.resume(CheckpointRun.data(), single);
            assertSameRun(straight, expected, resumed, history, kind + " resumed after step " + step);
        }
    }

    static void assertSameRun(CheckpointRun reference, History expected, CheckpointRun run, History history,
            String what) {
        List<float[]> want = CheckpointRun.weights(reference.model);
        List<float[]> got = CheckpointRun.weights(run.model);
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), what + ": parameter " + i);
        }
        assertEquals(expected.size(), history.size(), what + ": epochs");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.epochs().get(i).metrics(), history.epochs().get(i).metrics(),
                    what + ": epoch " + (i + 1));
        }
    }

    @ParameterizedTest
    @CsvSource({"adam", "dropout"})
    void aFinishedRunResumedWithMoreEpochsEqualsALongerRun(String kind) throws IOException {
        CheckpointRun longer = new CheckpointRun(kind, 8, 5, 1, null);
        History expected = longer.trainer.fit(CheckpointRun.data());
        Path ck = folder.resolve("ck");
        new CheckpointRun(kind, 8, 3, 1, CheckpointPolicy.in(ck)).trainer.fit(CheckpointRun.data());
        CheckpointRun more = new CheckpointRun(kind, 8, 5, 2, CheckpointPolicy.in(ck));
        assertSameRun(longer, expected, more, more.trainer.resume(CheckpointRun.data(), ck), "3 + 2 epochs");
        assertEquals(List.of(3L * 6 + 0, 4L * 6, 5L * 6), steps(ck), "every epoch, newest 3 kept");
    }

    private static List<Long> steps(Path directory) throws IOException {
        return CheckpointDirectory.list(directory).stream().map(CheckpointDirectory.Entry::step).toList();
    }
}
