package dev.dendrite.train;

import static dev.dendrite.train.CheckpointFile.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.dendrite.train.CheckpointFile.Contents;
import dev.dendrite.train.CheckpointFile.Stored;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads a {@link CheckpointFile} strictly: the header length, the JSON header, tensors that tile
 * the data buffer in the order they were written, and the data's checksum. Anything else is a
 * {@link CheckpointFormatException}, so a damaged checkpoint is skipped, never resumed from.
 * Stateless and thread-safe.
 */
final class CheckpointReader {
    private static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private CheckpointReader() {
    }

    /**
     * Reads a file written by {@link CheckpointFile#write}.
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
                tensors.put(name, allocate(name, entry, dataBytes, file));
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

    /**
     * An empty tensor for {@code entry}, {@code [begin, end, dims...]}, once its size is checked
     * against the data buffer, so that a damaged header cannot make us allocate more than the file holds.
     */
    private static Stored allocate(String name, long[] entry, long dataBytes, Path file)
            throws CheckpointFormatException {
        String where = "tensor '" + name + "' within the " + dataBytes + "-byte data";
        int[] shape = new int[entry.length - 2];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) entry[i + 2];
            check(shape[i] == 0 || elements <= dataBytes / shape[i], file, where, "shape " + Arrays.toString(shape));
            elements *= shape[i];
        }
        check(entry[1] - entry[0] == elements * Float.BYTES && entry[1] <= dataBytes, file, where,
                "[" + entry[0] + ", " + entry[1] + "]");
        return new Stored(shape, new float[(int) elements]);
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
        String expected = contents.metadata().get(CheckpointFile.CRC);
        check(Long.toHexString(crc.getValue()).equals(expected), file, "data with checksum " + expected
                + " (crc32)", Long.toHexString(crc.getValue()) + "; the file is damaged");
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            check(channel.read(buffer) >= 0, file, buffer.limit() + " more bytes", "the end of the file");
        }
    }
}
