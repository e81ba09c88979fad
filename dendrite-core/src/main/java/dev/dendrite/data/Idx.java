package dev.dendrite.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST, raw or gzipped.
 *
 * <p>Layout (all integers big-endian): a 4-byte magic number {@code 0x00 0x00 type rank}, then
 * {@code rank} 4-byte dimension sizes, then {@code product(dims)} items. Only the unsigned-byte
 * type {@code 0x08} is supported, so images have magic number 2051 ({@code 0x00000803},
 * {@code [N, rows, columns]}) and labels 2049 ({@code 0x00000801}, {@code [N]}).
 *
 * <p>A file is read as gzip when it starts with the gzip magic bytes {@code 1f 8b}. Every mismatch
 * raises a {@link DataFormatException} naming the file and the byte offset (in the uncompressed
 * content) or the expected and found values: a wrong magic number or type, a short header, data
 * shorter or longer than the header declares, a broken gzip stream. Declared sizes are checked
 * before anything is allocated: a raw file against its length, a gzipped one by growing the buffer
 * only as data actually arrives, so a header claiming 2^31 items fails fast instead of exhausting
 * memory, and a header declaring more than the heap can hold is refused before anything is read
 * ({@link DataTooLargeException}). Stateless and thread-safe.
 */
public final class Idx {
    /** The magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 2051;
    /** The magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 2049;

    private static final int UNSIGNED_BYTE = 0x08;
    // The largest array most JVMs can allocate.
    private static final long MAX_ITEMS = Integer.MAX_VALUE - 8;
    private static final int BUFFER = 1 << 16;
    private static final int FIRST_CHUNK = 1 << 20;

    private Idx() {
    }

    /**
     * The dimensions an image file's header declares, read without the body (a gzipped file is
     * inflated only as far as its header), so that a caller can check the memory the content will
     * take before reading it.
     *
     * @throws DataFormatException if the header is not an image file's
     */
    public static int[] declaredImageDims(Path file) throws IOException {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            IdxStream in = new IdxStream(file, stream, startsWithGzipMagic(stream));
            return readHeader(in, IMAGES_MAGIC, "images");
        }
    }

    /** Reads an image file: dimensions {@code [N, rows, columns]}, one unsigned byte per pixel. */
    public static IdxData readImages(Path file) throws IOException {
        return read(file, IMAGES_MAGIC, "images");
    }

    /** Reads a label file: dimensions {@code [N]}, one unsigned byte per label. */
    public static IdxData readLabels(Path file) throws IOException {
        return read(file, LABELS_MAGIC, "labels");
    }

    /**
     * Writes {@code content} as an unsigned-byte IDX file (magic number {@code 0x0800 + rank}),
     * gzipped when the file name ends in {@code .gz}. Replaces an existing file.
     */
    public static void write(Path file, IdxData content) throws IOException {
        int[] dims = content.dims();
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream packed = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, BUFFER) : raw;
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(packed, BUFFER))) {
            out.writeInt((UNSIGNED_BYTE << 8) | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(content.data());
        }
    }

    private static IdxData read(Path file, int magic, String kind) throws IOException {
        long fileLength = Files.size(file);
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            boolean gzip = startsWithGzipMagic(stream);
            IdxStream in = new IdxStream(file, stream, gzip);
            int rank = magic & 0xFF;
            int[] dims = readHeader(in, magic, kind);
            long items = declaredItems(file, dims);
            int header = 4 + 4 * rank;
            if (!gzip) {
                checkRawLength(file, dims, header, items, fileLength);
            }
            if (items > MAX_ITEMS) {
                throw new DataFormatException(file + ": expected at most " + MAX_ITEMS + " items, got dimensions "
                        + Arrays.toString(dims) + " = " + items + " items in the header at byte 4");
            }
            long itemSize = dims.length == 1 ? 1 : (long) dims[1] * dims[2];
            if (itemSize > MAX_ITEMS) {
                // Possible only with no items; each item is a row of one array, so it must fit one.
                throw new DataFormatException(file + ": expected at most " + MAX_ITEMS + " bytes per item, got "
                        + "dimensions " + Arrays.toString(dims) + " = " + itemSize + " per item in the header at byte 4");
            }
            DataTooLargeException.check(items, file + ": its header declares " + Arrays.toString(dims) + " = "
                    + DataTooLargeException.megabytes(items) + " of items");
            byte[] data = in.readBody((int) items, gzip ? FIRST_CHUNK : (int) items, header, dims);
            if (gzip && in.hasMore()) {
                throw new DataFormatException(file + ": expected the data to end at byte " + (header + items)
                        + " (dimensions " + Arrays.toString(dims) + "), found more bytes after it");
            }
            return new IdxData(data, dims);
        }
    }

    private static boolean startsWithGzipMagic(InputStream stream) throws IOException {
        stream.mark(2);
        int first = stream.read();
        int second = stream.read();
        stream.reset();
        return first == 0x1f && second == 0x8b;
    }

    private static int[] readHeader(IdxStream in, int magic, String kind) throws IOException {
        Path file = in.file();
        int rank = magic & 0xFF;
        String expectedMagic = "magic number " + magic + " (" + kind + ")";
        byte[] start = in.readHeaderBytes(4, 4 + 4 * rank, expectedMagic);
        int found = ((start[0] & 0xFF) << 24) | ((start[1] & 0xFF) << 16) | ((start[2] & 0xFF) << 8) | (start[3] & 0xFF);
        if (start[0] != 0 || start[1] != 0) {
            throw new DataFormatException(file + ": expected " + expectedMagic + ", got " + found
                    + String.format(" (0x%08X)", found) + " at byte 0; this is not an IDX file");
        }
        if ((start[2] & 0xFF) != UNSIGNED_BYTE) {
            throw new DataFormatException(file + ": expected data type 0x08 (unsigned byte), got "
                    + String.format("0x%02X", start[2] & 0xFF) + " at byte 2");
        }
        if (found != magic) {
            throw new DataFormatException(file + ": expected " + expectedMagic + ", got " + found + " at byte 0");
        }
        byte[] sizes = in.readHeaderBytes(4 * rank, 4 + 4 * rank, expectedMagic);
        int[] dims = new int[rank];
        for (int axis = 0; axis < rank; axis++) {
            long size = ((sizes[4 * axis] & 0xFFL) << 24) | ((sizes[4 * axis + 1] & 0xFF) << 16)
                    | ((sizes[4 * axis + 2] & 0xFF) << 8) | (sizes[4 * axis + 3] & 0xFF);
            if (size > Integer.MAX_VALUE) {
                throw new DataFormatException(file + ": expected dimension " + axis + " below 2^31, got " + size
                        + " at byte " + (4 + 4 * axis));
            }
            dims[axis] = (int) size;
        }
        return dims;
    }

    /** The product of the dimensions; one beyond a long (2^22 * 2^21 * 2^21 would wrap to 0) is refused. */
    private static long declaredItems(Path file, int[] dims) throws DataFormatException {
        long items = 1;
        for (int d : dims) {
            try {
                items = Math.multiplyExact(items, d);
            } catch (ArithmeticException e) {
                throw new DataFormatException(file + ": expected at most " + MAX_ITEMS + " items, got dimensions "
                        + Arrays.toString(dims) + " in the header at byte 4, more than 2^63 items");
            }
        }
        return items;
    }

    private static void checkRawLength(Path file, int[] dims, int header, long items, long fileLength)
            throws DataFormatException {
        long expected = header + items;
        if (fileLength == expected) {
            return;
        }
        String declared = file + ": expected " + expected + " bytes (" + header + " of header and " + items
                + " of data for dimensions " + Arrays.toString(dims) + "), got " + fileLength;
        if (fileLength < expected) {
            throw new DataFormatException(declared + "; the file is truncated at byte " + fileLength);
        }
        throw new DataFormatException(declared + "; " + (fileLength - expected)
                + " trailing bytes from byte " + expected);
    }

    /** A stream over the (uncompressed) content that knows its byte offset and words errors. */
    private static final class IdxStream {
        private final Path file;
        private final InputStream in;
        private long position;

        IdxStream(Path file, InputStream raw, boolean gzip) throws IOException {
            this.file = file;
            this.in = gzip ? gunzip(file, raw) : raw;
        }

        private static InputStream gunzip(Path file, InputStream raw) throws IOException {
            try {
                return new GZIPInputStream(raw, BUFFER);
            } catch (EOFException | ZipException e) {
                throw new DataFormatException(file + ": expected a gzip header, got a broken one ("
                        + e.getMessage() + ")", e);
            }
        }

        Path file() {
            return file;
        }

        /** The next {@code count} bytes of a header of {@code headerLength} bytes. */
        byte[] readHeaderBytes(int count, int headerLength, String expectedMagic) throws IOException {
            byte[] bytes = new byte[count];
            int read = fill(bytes, 0, count);
            if (read < count) {
                long end = position;
                if (end == 0) {
                    throw new DataFormatException(file + ": expected an IDX file starting with " + expectedMagic
                            + ", got an empty file");
                }
                throw new DataFormatException(file + ": expected a " + headerLength + "-byte IDX header, got only "
                        + end + " bytes; the header is truncated at byte " + end);
            }
            return bytes;
        }

        /**
         * The {@code items} bytes of the body, read in bulk into a buffer that starts at
         * {@code firstChunk} bytes and doubles as data arrives, so memory follows the real content
         * and not the header's claim.
         */
        byte[] readBody(int items, int firstChunk, int header, int[] dims) throws IOException {
            byte[] data = new byte[Math.min(items, firstChunk)];
            int filled = 0;
            while (filled < items) {
                if (filled == data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(items, 2L * data.length));
                }
                int read = fill(data, filled, data.length - filled);
                filled += read;
                if (filled < data.length) {
                    throw new DataFormatException(file + ": expected " + items + " bytes of data for dimensions "
                            + Arrays.toString(dims) + " after the " + header + "-byte header, got " + filled
                            + "; the data is truncated at byte " + position);
                }
            }
            return data;
        }

        /** Whether any content follows what was read. */
        boolean hasMore() throws IOException {
            byte[] one = new byte[1];
            return fill(one, 0, 1) > 0;
        }

        /** Reads up to {@code length} bytes, fewer only at the end of the content. */
        private int fill(byte[] buffer, int offset, int length) throws IOException {
            int total = 0;
            while (total < length) {
                int read;
                try {
                    read = in.read(buffer, offset + total, length - total);
                } catch (EOFException | ZipException e) {
                    throw new DataFormatException(file + ": expected a complete gzip stream, got '"
                            + e.getMessage() + "' after " + position + " uncompressed bytes", e);
                }
                if (read < 0) {
                    break;
                }
                total += read;
                position += read;
            }
            return total;
        }
    }
}
