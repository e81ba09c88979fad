package dev.dendrite.io;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reads a model file, checking it in the order that keeps memory bounded: the header length
 * against the file size, the header's structure, the tensors' byte ranges against the buffer,
 * the format version, the architecture, the tensors' names and shapes against the architecture;
 * only then are the weights read and the model built around them. Every allocation is therefore limited by the
 * file's real size. Stateless and thread-safe.
 */
final class ModelReader {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int LENGTH_BYTES = Long.BYTES;

    private ModelReader() {
    }

    static SavedModel read(Path file, Random random) throws IOException {
        String name = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < LENGTH_BYTES) {
                throw new ModelFormatException(name + ": expected at least 8 bytes (the header length), got a file of "
                        + size + " bytes");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, 0, lengthBytes, name);
            long headerLength = lengthBytes.getLong(0);
            checkHeaderLength(headerLength, size, name);
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, LENGTH_BYTES, headerBytes, name);
            SafetensorsHeader header = SafetensorsHeader.parse(decode(headerBytes, name), name);
            long dataStart = LENGTH_BYTES + headerLength;
            header.checkLayout(size - dataStart, name);
            Map<String, String> metadata = checkFormat(header.metadata(), name);
            Sequential model = buildChecked(channel, header, metadata.get(ModelWriter.ARCHITECTURE), random,
                    dataStart, name);
            return new SavedModel(model, metadata);
        }
    }

    private static void checkHeaderLength(long headerLength, long size, String name) throws ModelFormatException {
        if (headerLength < 0 || headerLength > SafetensorsHeader.MAX_BYTES) {
            throw new ModelFormatException(name + ": expected a header length of at most "
                    + SafetensorsHeader.MAX_BYTES + " bytes, got " + Long.toUnsignedString(headerLength));
        }
        if (headerLength > size - LENGTH_BYTES) {
            throw new ModelFormatException(name + ": expected a header of " + headerLength
                    + " bytes after the 8-byte length, got only " + (size - LENGTH_BYTES) + " bytes after it (a file of "
                    + size + " bytes)");
        }
    }

    private static String decode(ByteBuffer bytes, String name) throws ModelFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(name + ": expected a UTF-8 JSON header, got bytes that are not UTF-8 at "
                    + "file byte " + (LENGTH_BYTES + bytes.position()), e);
        }
    }

    private static Map<String, String> checkFormat(Map<String, String> metadata, String name)
            throws ModelFormatException {
        if (metadata == null) {
            throw new ModelFormatException(name + ": expected a Dendrite model file (__metadata__ with format \""
                    + ModelWriter.FORMAT_NAME + "\"), got a safetensors header without __metadata__");
        }
        String format = metadata.get(ModelWriter.FORMAT);
        if (!ModelWriter.FORMAT_NAME.equals(format)) {
            throw new ModelFormatException(name + ": expected __metadata__ format \"" + ModelWriter.FORMAT_NAME
                    + "\" (a Dendrite model file), got " + quoted(format));
        }
        String version = metadata.get(ModelWriter.FORMAT_VERSION);
        if (!ModelWriter.VERSION.equals(version)) {
            throw new ModelFormatException(name + ": expected __metadata__ format_version \"" + ModelWriter.VERSION
                    + "\", got " + quoted(version) + "; this version of Dendrite reads format version "
                    + ModelWriter.VERSION + " only");
        }
        if (!metadata.containsKey(ModelWriter.ARCHITECTURE)) {
            throw new ModelFormatException(name + ": expected an __metadata__ architecture entry, got none");
        }
        return metadata;
    }

    /** Checks the architecture against the header, then reads the weights and builds the model around them. */
    private static Sequential buildChecked(FileChannel channel, SafetensorsHeader header, String architecture,
            Random random, long dataStart, String name) throws IOException {
        List<LayerSpec> specs;
        Map<String, int[]> expected;
        try {
            specs = Architecture.parse(architecture);
            expected = Architecture.parameterShapes(specs);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
        checkTensors(header.tensors(), expected, name);
        Map<String, Tensor> weights = readWeights(channel, header, expected, dataStart, name);
        Sequential model;
        try {
            model = Architecture.load(specs, weights, random);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
        String mismatch = Architecture.parameterMismatch(model, expected);
        if (mismatch != null) {
            throw new IllegalStateException("a registered layer type contradicts itself: the model has " + mismatch);
        }
        return model;
    }

    private static void checkTensors(Map<String, SafetensorsHeader.Entry> tensors, Map<String, int[]> expected,
            String name) throws ModelFormatException {
        for (Map.Entry<String, int[]> wanted : expected.entrySet()) {
            SafetensorsHeader.Entry entry = tensors.get(wanted.getKey());
            if (entry == null) {
                throw new ModelFormatException(name + ": architecture expects tensor '" + wanted.getKey()
                        + "' with shape " + Arrays.toString(wanted.getValue()) + ", not in the file");
            }
            if (!Arrays.equals(entry.shape(), wanted.getValue())) {
                throw new ModelFormatException(name + ": tensor '" + wanted.getKey() + "' has shape "
                        + Arrays.toString(entry.shape()) + ", architecture expects " + Arrays.toString(wanted.getValue()));
            }
        }
        for (String tensor : tensors.keySet()) {
            if (!expected.containsKey(tensor)) {
                throw new ModelFormatException(name + ": tensor '" + tensor + "' is not part of the architecture, "
                        + "which expects " + listed(expected.keySet().stream().toList()));
            }
        }
    }

    /** Reads every expected tensor; their sizes were checked against the file, so the memory exists on disk. */
    private static Map<String, Tensor> readWeights(FileChannel channel, SafetensorsHeader header,
            Map<String, int[]> expected, long dataStart, String name) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> tensor : expected.entrySet()) {
            SafetensorsHeader.Entry entry = header.tensors().get(tensor.getKey());
            float[] values = new float[(int) entry.elements()];
            long position = dataStart + entry.begin();
            for (int offset = 0; offset < values.length; offset += CHUNK_BYTES / Float.BYTES) {
                int count = Math.min(values.length - offset, CHUNK_BYTES / Float.BYTES);
                chunk.clear().limit(count * Float.BYTES);
                readFully(channel, position, chunk, name);
                chunk.asFloatBuffer().get(values, offset, count);
                position += (long) count * Float.BYTES;
            }
            weights.put(tensor.getKey(), Tensor.wrap(values, tensor.getValue()));
        }
        return weights;
    }

    /** Fills {@code buffer} from {@code position}; its position is left at 0 for reading. */
    private static void readFully(FileChannel channel, long position, ByteBuffer buffer, String name)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new ModelFormatException(name + ": expected more data, got the end of the file at byte " + at
                        + " (did the file change while it was read?)");
            }
            at += read;
        }
        buffer.flip();
    }

    private static String quoted(String value) {
        return value == null ? "none" : "\"" + value + "\"";
    }

    private static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "no tensors";
        }
        int shown = Math.min(names.size(), 8);
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + ", ... (" + names.size() + " tensors)" : list;
    }
}
