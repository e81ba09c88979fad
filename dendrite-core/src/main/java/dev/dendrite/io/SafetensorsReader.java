package dev.dendrite.io;

import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Checksum;

/**
 * Reads a safetensors file of float32 tensors in two steps, so that memory stays bounded by the
 * file's real size: {@link #open} reads and checks the header (its length against the file and
 * the 100 MB cap, strict UTF-8 JSON, each tensor's dtype and byte range, the ranges tiling the data
 * buffer with no gap or overlap), and the caller checks the metadata and the tensors' names and
 * shapes before {@link #read} or {@link #readAll} allocates anything large. Every problem with the
 * file is a {@link ModelFormatException} whose message starts with the file and says what was
 * expected and what was found. Not thread-safe; one reader per thread. Close it to release the file.
 */
public final class SafetensorsReader implements AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int LENGTH_BYTES = Long.BYTES;
    /** How a file that is something else entirely (a README, a CSV) is named, before the detail. */
    static final String NOT_SAFETENSORS = "not a safetensors model file";

    private final FileChannel channel;
    private final String name;
    private final SafetensorsHeader header;
    private final long dataStart;

    private SafetensorsReader(FileChannel channel, String name, SafetensorsHeader header, long dataStart) {
        this.channel = channel;
        this.name = name;
        this.header = header;
        this.dataStart = dataStart;
    }

    /**
     * Opens {@code file} and checks its header.
     *
     * @throws ModelFormatException if the header is not a valid safetensors header of F32 tensors
     *                              that exactly cover the data buffer
     * @throws IOException          if the file cannot be read
     */
    public static SafetensorsReader open(Path file) throws IOException {
        String name = file.toString();
        String kind = notRegular(file);
        if (kind != null) {
            // Opening a FIFO would wait for a writer forever; a folder fails with a bare "Is a directory".
            throw new ModelFormatException(name + ": expected a regular file, got " + kind);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < LENGTH_BYTES) {
                throw new ModelFormatException(name + ": " + NOT_SAFETENSORS + " (expected at least 8 bytes, the header "
                        + "length, got a file of " + size + " bytes)");
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
            return new SafetensorsReader(channel, name, header, dataStart);
        } catch (Throwable e) {
            channel.close();
            throw e;
        }
    }

    /**
     * What {@code file} is when it is not a regular file (after following links): {@code "a
     * directory"}, {@code "a dangling symbolic link"}, {@code "a FIFO, device or socket"}; null for a
     * regular file or one that does not exist (opening it then says so).
     */
    public static String notRegular(Path file) {
        if (Files.isRegularFile(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        if (Files.isSymbolicLink(file)) {
            return Files.exists(file) ? "a symbolic link to a FIFO, device or socket" : "a dangling symbolic link";
        }
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "a FIFO, device or socket" : null;
    }

    /** The file's name as messages start with it. */
    public String name() {
        return name;
    }

    /** The {@code __metadata__} entries in header order, or {@code null} when the header has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * Feeds {@code checksum} the header as {@link SafetensorsWriter} encodes it, with the metadata
     * entry {@code leftOut} left out: what the writer's {@code crc32(metadata, tensors)} covers
     * before the data. The header is encoded again from what was parsed, so the sum covers every
     * name, value, shape and offset the file means, whatever its JSON spacing.
     */
    public void updateHeader(Checksum checksum, String leftOut) {
        Map<String, String> metadata = new LinkedHashMap<>(header.metadata() == null ? Map.of() : header.metadata());
        metadata.remove(leftOut);
        checksum.update(SafetensorsHeader.encode(metadata, List.copyOf(header.tensors().values())));
    }

    /** Each tensor's shape by name, in header order (a new map of new arrays). */
    public Map<String, int[]> shapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        header.tensors().forEach((tensor, entry) -> shapes.put(tensor, entry.shape().clone()));
        return shapes;
    }

    /**
     * Reads the tensor {@code tensor}; its size was checked against the file, so the memory exists on disk.
     *
     * @throws IllegalArgumentException if the header has no such tensor
     * @throws ModelFormatException     if the file ends early (it changed while it was read)
     */
    public float[] read(String tensor) throws IOException {
        SafetensorsHeader.Entry entry = header.tensors().get(tensor);
        if (entry == null) {
            throw Validate.fail(name, "one of the file's tensors " + header.tensors().keySet(), "'" + tensor + "'");
        }
        return read(entry, null, ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Reads every tensor, feeding the whole data buffer, in file order, to {@code checksum} (may be null).
     *
     * @return the tensors by name, in header order
     * @throws ModelFormatException if the file ends early (it changed while it was read)
     */
    public Map<String, StoredTensor> readAll(Checksum checksum) throws IOException {
        List<SafetensorsHeader.Entry> byOffset = new ArrayList<>(header.tensors().values());
        byOffset.sort(Comparator.comparingLong(SafetensorsHeader.Entry::begin));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, float[]> values = new LinkedHashMap<>();
        for (SafetensorsHeader.Entry entry : byOffset) {
            values.put(entry.name(), read(entry, checksum, chunk));
        }
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        header.tensors().forEach((tensor, entry) -> tensors.put(tensor,
                new StoredTensor(entry.shape().clone(), values.get(tensor))));
        return tensors;
    }

    private float[] read(SafetensorsHeader.Entry entry, Checksum checksum, ByteBuffer chunk) throws IOException {
        float[] values = new float[(int) entry.elements()];
        long position = dataStart + entry.begin();
        for (int offset = 0; offset < values.length; offset += CHUNK_BYTES / Float.BYTES) {
            int count = Math.min(values.length - offset, CHUNK_BYTES / Float.BYTES);
            chunk.clear().limit(count * Float.BYTES);
            readFully(channel, position, chunk, name);
            if (checksum != null) {
                checksum.update(chunk);
                chunk.rewind();
            }
            chunk.asFloatBuffer().get(values, offset, count);
            position += (long) count * Float.BYTES;
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void checkHeaderLength(long headerLength, long size, String name) throws ModelFormatException {
        if (headerLength < 0 || headerLength > SafetensorsHeader.MAX_BYTES) {
            throw new ModelFormatException(name + ": " + NOT_SAFETENSORS + " (expected a header length of at most "
                    + SafetensorsHeader.MAX_BYTES + " bytes, got " + Long.toUnsignedString(headerLength) + ")");
        }
        if (headerLength > size - LENGTH_BYTES) {
            throw new ModelFormatException(name + ": " + NOT_SAFETENSORS + " (expected a header of " + headerLength
                    + " bytes after the 8-byte length, got only " + (size - LENGTH_BYTES) + " bytes after it, a file of "
                    + size + " bytes)");
        }
        // The bytes, their decoded text and the parsed strings are alive at once: about five times the length.
        long needed = headerLength * 5;
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            throw new ModelFormatException(name + ": expected a header this JVM can parse, got one of "
                    + headerLength + " bytes, which takes about " + (needed >> 20) + " MB to parse; the heap is at most "
                    + (heap >> 20) + " MB (give it more with -Xmx, for dendrite DENDRITE_JVM_OPTS=-Xmx"
                    + Math.max(1, (2 * needed + (1L << 30) - 1) >> 30) + "g)");
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
            throw new ModelFormatException(name + ": " + NOT_SAFETENSORS + " (expected a UTF-8 JSON header, got bytes "
                    + "that are not UTF-8 at file byte " + (LENGTH_BYTES + bytes.position()) + ")", e);
        }
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
}
