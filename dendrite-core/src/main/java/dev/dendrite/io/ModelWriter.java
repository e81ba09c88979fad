package dev.dendrite.io;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a model file atomically: everything goes to a temporary file beside the target, which is
 * flushed to the disk and then renamed over the target, so a crash or an error leaves either the
 * old file or the new one, never a half-written one. Stateless and thread-safe (two threads saving
 * to the same target each write their own temporary file; the last rename wins).
 */
final class ModelWriter {
    static final String FORMAT = "format";
    static final String FORMAT_VERSION = "format_version";
    static final String ARCHITECTURE = "architecture";
    static final String FORMAT_NAME = "dendrite";
    static final String VERSION = "1";
    static final List<String> RESERVED = List.of(FORMAT, FORMAT_VERSION, ARCHITECTURE);

    private static final int CHUNK_BYTES = 1 << 20;
    private static final AtomicLong TEMPORARY_COUNTER = new AtomicLong();

    /** Called after each tensor's data is written; lets tests interrupt a save halfway. */
    @FunctionalInterface
    interface TensorWritten {
        void after(String name) throws IOException;
    }

    private ModelWriter() {
    }

    static void write(Path file, Sequential model, Map<String, String> metadata, TensorWritten listener)
            throws IOException {
        byte[] header = SafetensorsHeader.encode(fullMetadata(model, metadata), entries(model));
        Path target = file.toAbsolutePath();
        Path temporary = createTemporary(target);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                writeFully(channel, length.putLong(0, header.length));
                writeFully(channel, ByteBuffer.wrap(header));
                writeTensors(channel, model, listener);
                channel.force(true);
            }
            move(temporary, target);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(target.getParent());
    }

    /** The reserved entries, then the caller's; checks the model can be written before anything is. */
    private static Map<String, String> fullMetadata(Sequential model, Map<String, String> metadata) {
        List<LayerSpec> specs = Architecture.specs(model);
        String mismatch = Architecture.parameterMismatch(model, Architecture.parameterShapes(specs));
        Validate.argument(mismatch == null, "model file", "parameters that match the layer types", mismatch);
        Map<String, String> all = new LinkedHashMap<>();
        all.put(FORMAT, FORMAT_NAME);
        all.put(FORMAT_VERSION, VERSION);
        all.put(ARCHITECTURE, Json.write(specs));
        metadata.forEach((key, value) -> {
            Validate.argument(key != null && value != null, "model file", "metadata without null keys or values",
                    key + " = " + value);
            Validate.argument(!RESERVED.contains(key), "model file",
                    "metadata keys other than the reserved " + RESERVED, "'" + key + "'");
            all.put(key, value);
        });
        return all;
    }

    private static List<SafetensorsHeader.Entry> entries(Sequential model) {
        List<SafetensorsHeader.Entry> entries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> parameter : model.namedParameters().entrySet()) {
            Tensor tensor = parameter.getValue();
            long end = offset + (long) tensor.size() * Float.BYTES;
            entries.add(new SafetensorsHeader.Entry(parameter.getKey(), SafetensorsHeader.F32,
                    tensor.shape().dims(), offset, end));
            offset = end;
        }
        return entries;
    }

    private static void writeTensors(FileChannel channel, Sequential model, TensorWritten listener)
            throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Tensor> parameter : model.namedParameters().entrySet()) {
            float[] values = parameter.getValue().data();
            for (int offset = 0; offset < values.length; offset += CHUNK_BYTES / Float.BYTES) {
                int count = Math.min(values.length - offset, CHUNK_BYTES / Float.BYTES);
                chunk.clear();
                chunk.asFloatBuffer().put(values, offset, count);
                chunk.limit(count * Float.BYTES);
                writeFully(channel, chunk);
            }
            listener.after(parameter.getKey());
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** A new empty file beside the target; created with the default permissions, like the target would be. */
    private static Path createTemporary(Path target) throws IOException {
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-";
        while (true) {
            Path candidate = target.resolveSibling(prefix + TEMPORARY_COUNTER.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // a leftover of an earlier process with the same id: try the next number
            }
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable where the platform allows it. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the file's content is already on disk.
        }
    }
}
