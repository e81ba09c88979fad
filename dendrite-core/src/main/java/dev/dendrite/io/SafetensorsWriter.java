package dev.dendrite.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Writes a safetensors file (8-byte little-endian header length, UTF-8 JSON header padded to 8
 * bytes, float32 values little-endian in the order given) atomically: everything goes to a
 * temporary file beside the target, named {@code .<target>.<pid>-<n>.tmp}, which is forced to the
 * disk and renamed over the target; then the folder is forced so that the rename is durable too. A
 * crash or an error leaves the old file or the new one, never a half-written one; on an error the
 * temporary file is removed, and after a save the temporary files of earlier saves to the same
 * target whose processes have ended (killed halfway) are removed too. Model files ({@link ModelFile}) and training checkpoints both use it.
 * Stateless and thread-safe (two threads saving to one target each write their own temporary file;
 * the last rename wins).
 */
public final class SafetensorsWriter {
    /** The name of every temporary file starts with this, so that a later run can find a killed save's leftovers. */
    public static final String TEMPORARY_PREFIX = ".";
    /** The name of every temporary file ends with this. */
    public static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int CHUNK_BYTES = 1 << 20;
    private static final AtomicLong COUNTER = new AtomicLong();
    /** {@code .<target>.<pid>-<n>.tmp}: the process id is the digits before the last dash. */
    private static final Pattern TEMPORARY_NAME = Pattern.compile("\\..+\\.(\\d{1,18})-\\d+\\.tmp");

    /** The moments of a save a {@link SaveListener} is told of. */
    public enum Stage {
        /** The temporary file exists and is empty. */
        BEGIN,
        /** One tensor's values are written (not yet forced to the disk). */
        TENSOR,
        /** The temporary file is complete and forced to the disk, not yet renamed. */
        WRITTEN,
        /** The temporary file is renamed over the target and the folder forced. */
        RENAMED
    }

    /** Told of each stage of a save; tests use it to fail or kill a save at a chosen moment. */
    @FunctionalInterface
    public interface SaveListener {
        /** No-op. */
        SaveListener NONE = (stage, name) -> { };

        /**
         * Called at {@code stage}; {@code name} is the tensor's name for {@link Stage#TENSOR}, the
         * target's file name otherwise. An exception thrown here fails the save like a disk error.
         */
        void at(Stage stage, String name) throws IOException;
    }

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code metadata} as the header's {@code __metadata__} and {@code tensors} in their
     * iteration order to {@code target}, replacing it atomically.
     *
     * @throws IOException if the file cannot be written; {@code target} is then unchanged
     */
    public static void write(Path target, Map<String, String> metadata, Map<String, StoredTensor> tensors,
            SaveListener listener) throws IOException {
        byte[] header = SafetensorsHeader.encode(metadata, entries(tensors));
        Path absolute = target.toAbsolutePath();
        String fileName = absolute.getFileName().toString();
        Path temporary = createTemporary(absolute);
        try {
            listener.at(Stage.BEGIN, fileName);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                writeFully(channel, length.putLong(0, header.length));
                writeFully(channel, ByteBuffer.wrap(header));
                ByteBuffer chunk = newChunk();
                for (Map.Entry<String, StoredTensor> tensor : tensors.entrySet()) {
                    forEachChunk(tensor.getValue().values(), chunk, bytes -> writeFully(channel, bytes));
                    listener.at(Stage.TENSOR, tensor.getKey());
                }
                channel.force(true);
            }
            listener.at(Stage.WRITTEN, fileName);
            move(temporary, absolute);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(absolute.getParent());
        deleteStaleTemporaries(absolute);
        listener.at(Stage.RENAMED, fileName);
    }

    /**
     * Deletes the temporary files of earlier saves to {@code target} whose process has ended (a
     * save killed halfway leaves one behind); a live process's file, this process's own included,
     * is never touched. Process ids are those of this machine, so the folder should be local.
     * Failures to delete are ignored: a leftover costs disk space, not correctness.
     */
    static void deleteStaleTemporaries(Path target) {
        String prefix = TEMPORARY_PREFIX + target.getFileName() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(),
                file -> file.getFileName().toString().startsWith(prefix))) {
            for (Path file : files) {
                if (isStaleTemporary(file)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // left for the next save to try again
        }
    }

    /**
     * Whether {@code file} is a regular file named as {@link #write}'s temporary files are
     * ({@code .<target>.<pid>-<n>.tmp}) whose process {@code pid} no longer runs on this machine.
     */
    public static boolean isStaleTemporary(Path file) {
        if (!isTemporary(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Matcher name = TEMPORARY_NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(name.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    }

    /** The CRC-32 of the data buffer that {@link #write} would write for {@code tensors}, as unsigned. */
    public static long crc32(Map<String, StoredTensor> tensors) throws IOException {
        CRC32 crc = new CRC32();
        updateData(crc, tensors);
        return crc.getValue();
    }

    /**
     * The CRC-32, as unsigned, of the header {@link #write} would write for {@code metadata} and
     * {@code tensors} followed by the data buffer: what {@link SafetensorsReader#updateHeader} and
     * {@link SafetensorsReader#readAll} compute from the file once the checksum's own entry is left
     * out, so a file can carry the checksum of everything else in it.
     */
    public static long crc32(Map<String, String> metadata, Map<String, StoredTensor> tensors) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(SafetensorsHeader.encode(metadata, entries(tensors)));
        updateData(crc, tensors);
        return crc.getValue();
    }

    private static void updateData(CRC32 crc, Map<String, StoredTensor> tensors) throws IOException {
        ByteBuffer chunk = newChunk();
        for (StoredTensor tensor : tensors.values()) {
            forEachChunk(tensor.values(), chunk, crc::update);
        }
    }

    /** Whether {@code file}'s name is that of a temporary file {@link #write} creates. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(TEMPORARY_PREFIX) && name.endsWith(TEMPORARY_SUFFIX);
    }

    private static List<SafetensorsHeader.Entry> entries(Map<String, StoredTensor> tensors) {
        List<SafetensorsHeader.Entry> entries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, StoredTensor> tensor : tensors.entrySet()) {
            long end = offset + (long) tensor.getValue().values().length * Float.BYTES;
            entries.add(new SafetensorsHeader.Entry(tensor.getKey(), SafetensorsHeader.F32,
                    tensor.getValue().shape().clone(), offset, end));
            offset = end;
        }
        return entries;
    }

    private interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    private static ByteBuffer newChunk() {
        return ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code values} as little-endian bytes, one reused chunk at a time. */
    private static void forEachChunk(float[] values, ByteBuffer chunk, ChunkSink sink) throws IOException {
        for (int from = 0; from < values.length; from += CHUNK_BYTES / Float.BYTES) {
            int count = Math.min(values.length - from, CHUNK_BYTES / Float.BYTES);
            chunk.clear();
            chunk.asFloatBuffer().put(values, from, count);
            chunk.limit(count * Float.BYTES);
            sink.accept(chunk);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** A new empty file beside the target; created with the default permissions, like the target would be. */
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
