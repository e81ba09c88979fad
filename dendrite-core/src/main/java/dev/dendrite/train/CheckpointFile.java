package dev.dendrite.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A checkpoint on disk: a safetensors file (8-byte little-endian header length, JSON header,
 * little-endian float32 data) whose {@code __metadata__} also holds {@code crc32}, the checksum of
 * the data buffer, so that a damaged file is refused rather than resumed from. Saving is atomic,
 * like {@code ModelFile.save}: a temporary file beside the target, forced to the disk, renamed
 * over the target, then the folder forced. Stateless and thread-safe.
 */
final class CheckpointFile {
    static final String CRC = "crc32";
    /** The prefix of temporary files, so that a later run can find and delete a killed save's leftovers. */
    static final String TEMPORARY_PREFIX = ".";
    static final String TEMPORARY_SUFFIX = ".tmp";
    private static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A tensor as stored: its shape and row-major values. */
    record Stored(int[] shape, float[] values) {
    }

    /** What a file holds. */
    record Contents(Map<String, String> metadata, Map<String, Stored> tensors) {
    }

    /** Told of each stage of a save; tests use it to kill a process at a chosen moment. */
    @FunctionalInterface
    interface SaveListener {
        /** {@code stage} is {@code "begin"} (temporary file created), {@code "written"} (forced, not yet renamed) or {@code "renamed"}. */
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
                writeFully(channel, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
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

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws CheckpointFormatException if the file is truncated, damaged (checksum), or not of this layout
     */
    static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            check(size >= 8, file, "at least 8 bytes", size + " bytes");
            ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, length, file);
            long headerBytes = length.getLong(0);
            check(headerBytes >= 2 && headerBytes <= Math.min(MAX_HEADER_BYTES, size - 8), file,
                    "a header length within the file's " + size + " bytes", headerBytes);
            ByteBuffer header = ByteBuffer.allocate((int) headerBytes);
            readFully(channel, header, file);
            Contents contents = parse(new String(header.array(), StandardCharsets.UTF_8), file, size - 8 - headerBytes);
            readData(channel, contents, file);
            return contents;
        }
    }

    private static Contents parse(String json, Path file, long dataBytes) throws CheckpointFormatException {
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Stored> tensors = new LinkedHashMap<>();
        long expectedOffset = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            check(parser.nextToken() == JsonToken.START_OBJECT, file, "a JSON object header", parser.currentToken());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                check(parser.nextToken() == JsonToken.START_OBJECT, file, "an object for '" + name + "'",
                        parser.currentToken());
                if (name.equals("__metadata__")) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        check(parser.nextToken() == JsonToken.VALUE_STRING, file, "a string for '" + key + "'",
                                parser.currentToken());
                        metadata.put(key, parser.getText());
                    }
                    continue;
                }
                long[] entry = readEntry(parser, name, file);
                check(entry[0] == expectedOffset, file, "tensor '" + name + "' at data byte " + expectedOffset,
                        entry[0]);
                int[] shape = new int[entry.length - 2];
                long elements = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = (int) entry[i + 2];
                    check(shape[i] == 0 || elements <= dataBytes / shape[i], file, "tensor '" + name + "' within the " + dataBytes
                            + "-byte data", "shape " + java.util.Arrays.toString(shape));
                    elements *= shape[i];
                }
                check(entry[1] - entry[0] == elements * Float.BYTES && entry[1] <= dataBytes, file,
                        "tensor '" + name + "' within the " + dataBytes + "-byte data", "[" + entry[0] + ", " + entry[1] + "]");
                tensors.put(name, new Stored(shape, new float[(int) elements]));
                expectedOffset = entry[1];
            }
            check(parser.nextToken() == null, file, "nothing after the header's closing '}'", parser.currentToken());
        } catch (IOException e) {
            throw e instanceof CheckpointFormatException c ? c
                    : new CheckpointFormatException(file + ": expected a valid JSON header, got " + e.getMessage(), e);
        }
        check(expectedOffset == dataBytes, file, "tensors covering all " + dataBytes + " data bytes", expectedOffset);
        return new Contents(metadata, tensors);
    }

    /** {@code [begin, end, dims...]} of a tensor entry. */
    private static long[] readEntry(JsonParser parser, String name, Path file) throws IOException {
        String dtype = null;
        List<Long> shape = null;
        List<Long> offsets = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            switch (key) {
                case "dtype" -> dtype = parser.getValueAsString();
                case "shape" -> shape = readInts(parser, file);
                case "data_offsets" -> offsets = readInts(parser, file);
                default -> check(false, file, "dtype, shape and data_offsets in tensor '" + name + "'", key);
            }
        }
        check("F32".equals(dtype) && shape != null && offsets != null && offsets.size() == 2, file,
                "an F32 tensor '" + name + "' with shape and data_offsets", "dtype " + dtype);
        long[] entry = new long[shape.size() + 2];
        entry[0] = offsets.get(0);
        entry[1] = offsets.get(1);
        for (int i = 0; i < shape.size(); i++) {
            check(shape.get(i) <= Integer.MAX_VALUE, file, "dimensions below 2^31", shape);
            entry[i + 2] = shape.get(i);
        }
        return entry;
    }

    private static List<Long> readInts(JsonParser parser, Path file) throws IOException {
        check(parser.currentToken() == JsonToken.START_ARRAY, file, "an array", parser.currentToken());
        List<Long> values = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            long value = parser.getLongValue();
            check(value >= 0, file, "non-negative integers", value);
            values.add(value);
        }
        check(parser.currentToken() == JsonToken.END_ARRAY, file, "integers", parser.currentToken());
        return values;
    }

    private static void readData(FileChannel channel, Contents contents, Path file) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Stored tensor : contents.tensors().values()) {
            float[] values = tensor.values();
            for (int from = 0; from < values.length; from += CHUNK_BYTES / Float.BYTES) {
                int count = Math.min(values.length - from, CHUNK_BYTES / Float.BYTES);
                chunk.clear().limit(count * Float.BYTES);
                readFully(channel, chunk, file);
                crc.update(chunk.flip());
                chunk.rewind();
                chunk.asFloatBuffer().get(values, from, count);
            }
        }
        String expected = contents.metadata().get(CRC);
        check(Long.toHexString(crc.getValue()).equals(expected), file, "data with checksum " + expected
                + " (crc32)", Long.toHexString(crc.getValue()) + "; the file is damaged");
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            check(channel.read(buffer) >= 0, file, buffer.limit() + " more bytes", "the end of the file");
        }
    }

    static void check(boolean condition, Path file, String expected, Object found) throws CheckpointFormatException {
        if (!condition) {
            throw new CheckpointFormatException(file + ": expected " + expected + ", got " + found);
        }
    }
}
