package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping across checkpoints: its best value, patience count and best weights are saved, so
 * a resumed run stops at the same epoch with the same restored weights as an uninterrupted one.
 */
class EarlyStoppingResumeTest {
    private static final int EPOCHS = 40;
    private static final int BATCHES_PER_EPOCH = 6;

    @TempDir
    Path folder;

    private static EarlyStopping stopping() {
        return new EarlyStopping("val_loss", 2, 0.05, true);
    }

    @Test
    void aResumedRunStopsAtTheSameEpochWithTheSameBestWeights() throws IOException {
        CheckpointRun straight = new CheckpointRun("adam", 16, EPOCHS, 1, null, stopping());
        History expected = straight.trainer.fit(CheckpointRun.data());
        String reason = straight.trainer.stopReason();
        assertNotNull(reason, "the reference run must stop early for this test to mean anything");
        int stopped = expected.size();
        assertTrue(stopped >= 5 && stopped < EPOCHS, "stopped after " + stopped + " epochs");

        Path all = folder.resolve("all");
        CheckpointRun saving = new CheckpointRun("adam", 16, EPOCHS, 1,
                CheckpointPolicy.in(all).everyBatches(1).keep(1000), stopping());
        CheckpointResumeTest.assertSameRun(straight, expected, saving, saving.trainer.fit(CheckpointRun.data()),
                "saving checkpoints changed the run");

        // Inside the last epoch (waiting, best weights held), at the end of the one before, and early on.
        long[] steps = {(long) (stopped - 1) * BATCHES_PER_EPOCH + 3, (long) (stopped - 1) * BATCHES_PER_EPOCH,
            (long) (stopped - 2) * BATCHES_PER_EPOCH + 1, BATCHES_PER_EPOCH + 2};
        for (long step : steps) {
            Path single = folder.resolve("from-" + step);
            Files.createDirectories(single);
            Path name = CheckpointDirectory.fileFor(all, step).getFileName();
            Files.copy(all.resolve(name), single.resolve(name));
            CheckpointRun resumed = new CheckpointRun("adam", 16, EPOCHS, 99,
                    CheckpointPolicy.in(single).everyBatches(5), stopping());
            History history = resumed.trainer.resume(CheckpointRun.data(), single);
            CheckpointResumeTest.assertSameRun(straight, expected, resumed, history, "resumed after step " + step);
            assertEquals(reason, resumed.trainer.stopReason(), "resumed after step " + step);
        }
    }

    @Test
    void aResumeWithOtherStatefulCallbacksIsRefused() throws IOException {
        Path ck = folder.resolve("ck");
        new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(ck), stopping()).trainer.fit(CheckpointRun.data());

        CheckpointRun without = new CheckpointRun("adam", 8, 3, 2, null);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> without.trainer.resume(CheckpointRun.data(), ck));
        assertTrue(missing.getMessage().contains("stateful callbacks []")
                && missing.getMessage().contains("EarlyStopping"), missing.getMessage());

        CheckpointRun other = new CheckpointRun("adam", 8, 3, 2, null,
                new EarlyStopping("val_accuracy", 2, 0, true));
        IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
                () -> other.trainer.resume(CheckpointRun.data(), ck));
        assertTrue(metric.getMessage().contains("val_accuracy"), metric.getMessage());
    }

    @Test
    void aRunWithoutCallbacksCannotResumeWithOne() throws IOException {
        Path ck = folder.resolve("plain");
        new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(ck)).trainer.fit(CheckpointRun.data());
        CheckpointRun with = new CheckpointRun("adam", 8, 3, 2, null, stopping());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with.trainer.resume(CheckpointRun.data(), ck));
        assertTrue(e.getMessage().contains("[dev.dendrite.train.EarlyStopping]"), e.getMessage());
    }
}
