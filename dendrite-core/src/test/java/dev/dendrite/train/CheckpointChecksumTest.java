package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint checksum covers the header as well as the data: a one-character change in a
 * metadata value (the learning rate, the step) is refused, while version-1 files, whose checksum
 * covered the data alone, still read.
 */
class CheckpointChecksumTest {
    @TempDir
    Path folder;

    private Path newestCheckpoint() throws IOException {
        new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(folder)).trainer.fit(CheckpointRun.data());
        return CheckpointDirectory.list(folder).get(1).file();
    }

    /** Replaces the first {@code from} in the file's bytes by {@code to}, of the same length. */
    static void replaceInFile(Path file, String from, String to) throws IOException {
        assertEquals(from.length(), to.length(), "a change that keeps the header's length");
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        assertTrue(at > 0, "'" + from + "' in " + file);
        byte[] replacement = to.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(replacement, 0, bytes, at, replacement.length);
        Files.write(file, bytes);
    }

    @Test
    void aChangedLearningRateInTheHeaderIsRefused() throws IOException {
        Path newest = newestCheckpoint();
        String rate = CheckpointFile.read(newest).metadata().get("learning_rate");
        assertEquals("0.01", rate);
        replaceInFile(newest, "\"learning_rate\":\"0.01\"", "\"learning_rate\":\"0.09\"");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointDirectory.read(newest));
        assertTrue(e.getMessage().startsWith(newest + ": expected a header and data with checksum "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the file is damaged"), e.getMessage());
    }

    @Test
    void aChangedShapeOrTensorNameIsRefusedToo() throws IOException {
        Path newest = newestCheckpoint();
        Path copy = folder.resolve("copy.safetensors");
        Files.copy(newest, copy);
        // layers.0.weight and layers.0.bias swap their first letters' case: same length, same JSON
        replaceInFile(newest, "\"layers.0.bias\"", "\"layers.0.Bias\"");
        assertThrows(CheckpointFormatException.class, () -> CheckpointDirectory.read(newest));
        replaceInFile(copy, "\"step\":\"12\"", "\"step\":\"13\"");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointDirectory.read(copy));
        assertTrue(e.getMessage().endsWith("; the file is damaged"), e.getMessage());
    }

    @Test
    void aVersionOneFileIsCheckedOverItsDataAloneAsBefore() throws IOException {
        Path newest = newestCheckpoint();
        CheckpointFile.Contents contents = CheckpointFile.read(newest);
        Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
        metadata.put("format_version", CheckpointFile.DATA_ONLY_VERSION);
        Path old = folder.resolve("old.safetensors");
        CheckpointFile.write(old, metadata, contents.tensors());
        assertEquals(12, CheckpointDirectory.read(old).step());
        // what version 1 could not see, and still does not: a header change
        replaceInFile(old, "\"learning_rate\":\"0.01\"", "\"learning_rate\":\"0.09\"");
        assertEquals(0.09, CheckpointDirectory.read(old).learningRate());
        // a data change it always saw
        byte[] bytes = Files.readAllBytes(old);
        bytes[bytes.length - 3] ^= 4;
        Files.write(old, bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointDirectory.read(old));
        assertTrue(e.getMessage().startsWith(old + ": expected data with checksum "), e.getMessage());
    }

    @Test
    void aVersionTwoFileReadAsVersionOneFailsItsChecksum() throws IOException {
        Path newest = newestCheckpoint();
        replaceInFile(newest, "\"format_version\":\"2\"", "\"format_version\":\"1\"");
        assertThrows(CheckpointFormatException.class, () -> CheckpointDirectory.read(newest));
    }
}
