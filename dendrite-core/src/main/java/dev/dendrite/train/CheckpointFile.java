package dev.dendrite.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A checkpoint on disk: a safetensors file (8-byte little-endian header length, JSON header,
 * little-endian float32 data) whose {@code __metadata__} also holds {@code crc32}, the checksum of
 * the data buffer, so that {@link CheckpointReader} refuses a damaged file rather than resume
 * from it. Saving is atomic, like {@code ModelFile.save}: a temporary file beside the target,
 * forced to the disk, renamed over the target, then the folder forced. Stateless and thread-safe.
 */
final class CheckpointFile {
    static final String CRC = "crc32";
    /** The prefix of temporary files, so that a later run can find and delete a killed save's leftovers. */
    static final String TEMPORARY_PREFIX = ".";
    static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int CHUNK_BYTES = 1 << 20;
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final JsonFactory JSON = new JsonFactory();

    /** A tensor as stored: its shape and row-major values. */
    record Stored(int[] shape, float[] values) {
    }

    /** What a file holds. */
    record Contents(Map<String, String> metadata, Map<String, Stored> tensors) {
    }

    /** Told of each stage of a save; tests use it to kill a process at a chosen moment. */
    @FunctionalInterface
    interface SaveListener {
        /**
         * {@code stage} is {@code "begin"} (temporary file created), {@code "written"} (forced to the
         * disk, not yet renamed) or {@code "renamed"}.
         */
        void at(String stage, Path target);
    }

    /** Null outside tests. */
    static volatile SaveListener listener;

    private CheckpointFile() {
    }

    /** Writes {@code tensors} and {@code metadata} (plus the checksum) to {@code target} atomically. */
    static void write(Path target, Map<String, String> metadata, Map<String, Stored> tensors) throws IOException {
        CRC32 crc = new CRC32();
        forEachChunk(tensors, chunk -> crc.update(chunk));
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(CRC, Long.toHexString(crc.getValue()));
        byte[] header = header(all, tensors);
        Path temporary = createTemporary(target);
        try {
            notify("begin", target);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                writeFully(channel, length.putLong(0, header.length));
                writeFully(channel, ByteBuffer.wrap(header));
                forEachChunk(tensors, chunk -> writeFully(channel, chunk));
                channel.force(true);
            }
            notify("written", target);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        forceDirectory(target.toAbsolutePath().getParent());
        notify("renamed", target);
    }

    private static void notify(String stage, Path target) {
        SaveListener current = listener;
        if (current != null) {
            current.at(stage, target);
        }
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    /** The data buffer, one reused little-endian chunk at a time. */
    private static void forEachChunk(Map<String, Stored> tensors, ChunkSink sink) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Stored tensor : tensors.values()) {
            float[] values = tensor.values();
            for (int from = 0; from < values.length; from += CHUNK_BYTES / Float.BYTES) {
                int count = Math.min(values.length - from, CHUNK_BYTES / Float.BYTES);
                chunk.clear();
                chunk.asFloatBuffer().put(values, from, count);
                chunk.limit(count * Float.BYTES);
                sink.accept(chunk);
            }
        }
    }

    private static byte[] header(Map<String, String> metadata, Map<String, Stored> tensors) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeObjectFieldStart("__metadata__");
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            long offset = 0;
            for (Map.Entry<String, Stored> entry : tensors.entrySet()) {
                json.writeObjectFieldStart(entry.getKey());
                json.writeStringField("dtype", "F32");
                json.writeArrayFieldStart("shape");
                for (int dim : entry.getValue().shape()) {
                    json.writeNumber(dim);
                }
                json.writeEndArray();
                long end = offset + (long) entry.getValue().values().length * Float.BYTES;
                json.writeArrayFieldStart("data_offsets");
                json.writeNumber(offset);
                json.writeNumber(end);
                json.writeEndArray();
                json.writeEndObject();
                offset = end;
            }
            json.writeEndObject();
        }
        while (bytes.size() % 8 != 0) {
            bytes.write(' ');
        }
        return bytes.toByteArray();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static Path createTemporary(Path target) throws IOException {
        String prefix = TEMPORARY_PREFIX + target.getFileName() + "." + ProcessHandle.current().pid() + "-";
        while (true) {
            Path candidate = target.resolveSibling(prefix + COUNTER.incrementAndGet() + TEMPORARY_SUFFIX);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // a leftover of an earlier process with the same id: try the next number
            }
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the file's content is already on disk.
        }
    }

    static void check(boolean condition, Path file, String expected, Object found) throws CheckpointFormatException {
        if (!condition) {
            throw new CheckpointFormatException(file + ": expected " + expected + ", got " + found);
        }
    }
}
