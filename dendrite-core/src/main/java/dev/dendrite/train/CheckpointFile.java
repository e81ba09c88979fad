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
 * also holds {@code crc32}, so that a damaged file is refused rather than resumed from. Since
 * format version 2 the checksum covers the header (every metadata entry but itself, every tensor's
 * name, shape and offsets) and then the data buffer, so a changed learning rate is caught as
 * surely as a changed weight; in version-1 files it covers the data buffer only, and they are
 * still read that way. Every problem with a file is a {@link CheckpointFormatException}.
 * Stateless and thread-safe.
 */
final class CheckpointFile {
    static final String CRC = "crc32";
    /** The {@code format_version} of files whose checksum covers only the data buffer. */
    static final String DATA_ONLY_VERSION = "1";

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

    /**
     * Writes {@code tensors} and {@code metadata} (plus the checksum: of the header and the data, or
     * of the data alone when the metadata says {@code format_version} 1) to {@code target} atomically.
     */
    static void write(Path target, Map<String, String> metadata, Map<String, StoredTensor> tensors)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.remove(CRC);
        long crc = coversHeader(all) ? SafetensorsWriter.crc32(all, tensors) : SafetensorsWriter.crc32(tensors);
        all.put(CRC, Long.toHexString(crc));
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
            Map<String, String> metadata = reader.metadata() == null ? Map.of() : reader.metadata();
            CRC32 crc = new CRC32();
            boolean header = coversHeader(metadata);
            if (header) {
                reader.updateHeader(crc, CRC);
            }
            Map<String, StoredTensor> tensors = reader.readAll(crc);
            String expected = metadata.get(CRC);
            String actual = Long.toHexString(crc.getValue());
            check(actual.equals(expected), file, (header ? "a header and data" : "data") + " with checksum "
                    + expected + " (crc32)", actual + "; the file is damaged");
            return new Contents(metadata, tensors);
        } catch (ModelFormatException e) {
            throw new CheckpointFormatException(e.getMessage(), e);
        }
    }

    /**
     * Whether the checksum covers the header too: in every file but those of format version 1. A
     * damaged version entry is then either unknown (refused when decoded) or missing (refused), and
     * a version-2 file read as version 1 fails its checksum.
     */
    private static boolean coversHeader(Map<String, String> metadata) {
        return !DATA_ONLY_VERSION.equals(metadata.get("format_version"));
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
