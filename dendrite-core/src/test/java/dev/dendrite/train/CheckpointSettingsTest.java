package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller's run settings in checkpoints, and buffers checked on resume. */
class CheckpointSettingsTest {
    @TempDir
    Path folder;

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data", "spiral");
        settings.put("lr", "0.01");
        settings.put("schedule", "constant");
        settings.put("empty", "");
        return settings;
    }

    @Test
    void everyCheckpointStoresTheSettingsAsGivenAndInOrder() throws IOException {
        CheckpointRun run = new CheckpointRun("adam", 8, 2, 1,
                CheckpointPolicy.in(folder).everyBatches(4).keep(10).settings(settings()));
        run.trainer.fit(CheckpointRun.data());
        assertEquals(List.copyOf(settings().entrySet()),
                List.copyOf(CheckpointPolicy.savedSettings(folder).entrySet()));
        for (CheckpointDirectory.Entry entry : CheckpointDirectory.list(folder)) {
            assertEquals(settings(), CheckpointDirectory.read(entry.file()).settings(), entry.file().toString());
        }
    }

    @Test
    void aResumedRunWritesTheSettingsItIsGiven() throws IOException {
        new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(folder).settings(settings()))
                .trainer.fit(CheckpointRun.data());
        Map<String, String> grown = new LinkedHashMap<>(CheckpointPolicy.savedSettings(folder));
        grown.put("epochs", "3");
        new CheckpointRun("adam", 8, 3, 1, CheckpointPolicy.in(folder).settings(grown))
                .trainer.resume(CheckpointRun.data(), folder);
        assertEquals(grown, CheckpointPolicy.savedSettings(folder));
    }

    @Test
    void withoutSettingsNoneAreSavedAndAnEmptyFolderSaysSo() throws IOException {
        new CheckpointRun("adam", 8, 1, 1, CheckpointPolicy.in(folder)).trainer.fit(CheckpointRun.data());
        assertEquals(Map.of(), CheckpointPolicy.savedSettings(folder));
        assertThrows(NoSuchFileException.class, () -> CheckpointPolicy.savedSettings(folder.resolve("none")));
        assertThrows(IllegalArgumentException.class, () -> CheckpointPolicy.in(folder).settings(
                java.util.Collections.singletonMap("key", null)));
    }

    @Test
    void aCheckpointWithoutTheModelsBuffersIsRefused() throws IOException {
        new CheckpointRun("buffer", 8, 1, 1, CheckpointPolicy.in(folder)).trainer.fit(CheckpointRun.data());
        Path file = CheckpointDirectory.list(folder).get(0).file();
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        assertTrue(contents.tensors().containsKey("buffer.layers.2.running_mean"), contents.tensors().keySet()
                .toString());
        Map<String, dev.dendrite.io.StoredTensor> tensors = new LinkedHashMap<>(contents.tensors());
        tensors.remove("buffer.layers.2.running_mean");
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.remove(CheckpointFile.CRC);
        CheckpointFile.write(file, metadata, tensors);

        CheckpointRun resumed = new CheckpointRun("buffer", 8, 2, 1, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resumed.trainer.resume(CheckpointRun.data(), folder));
        assertEquals("resume: expected the model's buffers {layers.2.running_mean=[8]}, got {}", e.getMessage());
    }
}
