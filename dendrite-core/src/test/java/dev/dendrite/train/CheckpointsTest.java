package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public checkpoint API other training loops use: it reads Trainer's files and writes files Trainer resumes. */
class CheckpointsTest {
    @TempDir
    Path folder;

    /** Reads Trainer's checkpoint after {@code step}, restores it into fresh objects, and saves those into {@code into}. */
    private Checkpoints.Saved copyThroughTheApi(Path all, long step, Path into) throws IOException {
        Path single = folder.resolve("read-" + step);
        Files.createDirectories(single);
        Path name = CheckpointDirectory.fileFor(all, step).getFileName();
        Files.copy(all.resolve(name), single.resolve(name));
        Checkpoints.Saved saved = Checkpoints.latest(single, warning -> { });
        CheckpointRun fresh = new CheckpointRun("dropout", 16, 4, 99, null);
        saved.restore(fresh.model, fresh.trainer.optimizer());
        Checkpoints.save(into, 3, fresh.model, fresh.trainer.optimizer(), saved.baseLearningRate(), saved.progress(),
                saved.history(), saved.settings());
        return saved;
    }

    @Test
    void filesWrittenThroughTheApiResumeInTrainerBitForBit() throws IOException {
        CheckpointRun straight = new CheckpointRun("dropout", 16, 4, 1, null);
        History expected = straight.trainer.fit(CheckpointRun.data());
        Path all = folder.resolve("all");
        new CheckpointRun("dropout", 16, 4, 1, CheckpointPolicy.in(all).everyBatches(1).keep(100)
                .settings(Map.of("data", "spiral"))).trainer.fit(CheckpointRun.data());

        Path atEpochEnd = folder.resolve("epoch-end");
        Checkpoints.Saved saved = copyThroughTheApi(all, 12, atEpochEnd);
        assertEquals(new Checkpoints.Progress(5, 16, 96, 6, 2, 0, 0, 0, 0), saved.progress());
        assertEquals(2, saved.history().size());
        assertEquals(Map.of("data", "spiral"), saved.settings());
        assertEquals("Adam", saved.optimizer());
        assertEquals(Map.of("data", "spiral"), CheckpointPolicy.savedSettings(atEpochEnd));
        CheckpointRun resumed = new CheckpointRun("dropout", 16, 4, 7, null);
        CheckpointResumeTest.assertSameRun(straight, expected, resumed,
                resumed.trainer.resume(CheckpointRun.data(), atEpochEnd), "resumed from the API's file at step 12");

        // Inside an epoch the API keeps the running sums but not the layer monitor's figures: weights match.
        Path inside = folder.resolve("inside");
        Checkpoints.Progress progress = copyThroughTheApi(all, 8, inside).progress();
        assertEquals(8, progress.step());
        assertEquals(32, progress.seen(), "rows seen in epoch 2");
        CheckpointRun fromInside = new CheckpointRun("dropout", 16, 4, 7, null);
        fromInside.trainer.resume(CheckpointRun.data(), inside);
        List<float[]> want = CheckpointRun.weights(straight.model);
        List<float[]> got = CheckpointRun.weights(fromInside.model);
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), "parameter " + i);
        }
    }

    @Test
    void savingPrunesToKeepAndAFolderWithCheckpointsIsSaidToHoldThem() throws IOException {
        CheckpointRun run = new CheckpointRun("adam", 8, 1, 1, null);
        Path ck = folder.resolve("ck");
        assertFalse(Checkpoints.holdsCheckpoints(ck));
        for (int step = 1; step <= 4; step++) {
            Path written = Checkpoints.save(ck, 2, run.model, run.trainer.optimizer(), 0.01,
                    new Checkpoints.Progress(5, 16, 96, 6, 0, step, 0.5 * step, step, 16L * step), new History(),
                    Map.of());
            assertEquals(CheckpointDirectory.fileFor(ck, step), written);
        }
        assertTrue(Checkpoints.holdsCheckpoints(ck));
        assertEquals(List.of(3L, 4L), CheckpointDirectory.list(ck).stream().map(CheckpointDirectory.Entry::step).toList());
        assertEquals(2.0, Checkpoints.latest(ck, warning -> { }).progress().lossSum());
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedBeforeAnythingChanges() throws IOException {
        CheckpointRun small = new CheckpointRun("adam", 8, 1, 1, null);
        Path ck = folder.resolve("ck");
        Checkpoints.save(ck, 3, small.model, small.trainer.optimizer(), 0.01,
                new Checkpoints.Progress(5, 16, 96, 6, 1, 0, 0, 0, 0), new History(), Map.of());
        CheckpointRun wider = new CheckpointRun("adam", 16, 1, 2, null);
        List<float[]> before = CheckpointRun.weights(wider.model);
        Checkpoints.Saved saved = Checkpoints.latest(ck, warning -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> saved.restore(wider.model, wider.trainer.optimizer()));
        assertTrue(e.getMessage().contains("layers.0.weight=[2, 16]") && e.getMessage().contains("layers.0.weight=[2, 8]"),
                e.getMessage());
        List<float[]> after = CheckpointRun.weights(wider.model);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i));
        }
    }

    @Test
    void progressOutsideAnEpochIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Checkpoints.Progress(5, 16, 96, 6, 0, 6, 0, 0, 0));
        assertTrue(e.getMessage().contains("stepsPerEpoch 6, epochsDone 0, stepsDone 6"), e.getMessage());
    }
}
