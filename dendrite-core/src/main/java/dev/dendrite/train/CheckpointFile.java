package dev.dendrite.train;

import dev.dendrite.io.ModelFormatException;
import dev.dendrite.io.SafetensorsReader;
import dev.dendrite.io.SafetensorsWriter;
import dev.dendrite.io.StoredTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A checkpoint on disk: a safetensors file, written atomically and read strictly by the same codec
 * as model files ({@link SafetensorsWriter}, {@link SafetensorsReader}), whose {@code __metadata__}
 * also holds {@code crc32}, the checksum of the data buffer, so that a damaged file is refused
 * rather than resumed from. Every problem with a file is a {@link CheckpointFormatException}.
 * Stateless and thread-safe.
 */
final class CheckpointFile {
    static final String CRC = "crc32";

    /** What a file holds. */
    record Contents(Map<String, String> metadata, Map<String, StoredTensor> tensors) {
    }

    /**
     * Told of the {@code begin}, {@code written} and {@code renamed} stages of each save; tests use
     * it to kill a process at a chosen moment.
     */
    @FunctionalInterface
    interface SaveListener {
        void at(String stage, Path target);
    }

    /** Null outside tests. */
    static volatile SaveListener listener;

    private CheckpointFile() {
    }

    /** Writes {@code tensors} and {@code metadata} (plus the checksum) to {@code target} atomically. */
    static void write(Path target, Map<String, String> metadata, Map<String, StoredTensor> tensors)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(CRC, Long.toHexString(SafetensorsWriter.crc32(tensors)));
        SaveListener current = listener;
        SafetensorsWriter.write(target, all, tensors, current == null ? SafetensorsWriter.SaveListener.NONE
                : (stage, name) -> {
                    if (stage != SafetensorsWriter.Stage.TENSOR) {
                        current.at(stage.name().toLowerCase(java.util.Locale.ROOT), target);
                    }
                });
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws CheckpointFormatException if the file is truncated, damaged (checksum), or not of this layout
     */
    static Contents read(Path file) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            CRC32 crc = new CRC32();
            Map<String, StoredTensor> tensors = reader.readAll(crc);
            Map<String, String> metadata = reader.metadata() == null ? Map.of() : reader.metadata();
            String expected = metadata.get(CRC);
            String actual = Long.toHexString(crc.getValue());
            check(actual.equals(expected), file, "data with checksum " + expected + " (crc32)",
                    actual + "; the file is damaged");
            return new Contents(metadata, tensors);
        } catch (ModelFormatException e) {
            throw new CheckpointFormatException(e.getMessage(), e);
        }
    }

    /** Whether {@code file} is a temporary file a killed save left behind. */
    static boolean isTemporary(Path file) {
        return SafetensorsWriter.isTemporary(file) && file.getFileName().toString().contains(".safetensors.");
    }

    static void check(boolean condition, Path file, String expected, Object found) throws CheckpointFormatException {
        if (!condition) {
            throw new CheckpointFormatException(file + ": expected " + expected + ", got " + found);
        }
    }
}
