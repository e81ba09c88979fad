package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path directory;

    // ---- valid files ----

    @Test
    void imagesRoundTripRawAndGzipped() throws IOException {
        byte[] pixels = randomBytes(3 * 2 * 5, 1);
        IdxData images = new IdxData(pixels, new int[] {3, 2, 5});
        for (String name : new String[] {"images-idx3-ubyte", "images-idx3-ubyte.gz"}) {
            Path file = directory.resolve(name);
            Idx.write(file, images);
            IdxData read = Idx.readImages(file);
            assertArrayEquals(new int[] {3, 2, 5}, read.dims());
            assertArrayEquals(pixels, read.data());
            assertEquals(images, read);
        }
        assertTrue(isGzip(directory.resolve("images-idx3-ubyte.gz")));
        assertEquals(16 + 30, Files.size(directory.resolve("images-idx3-ubyte")));
    }

    @Test
    void labelsRoundTripAndReadAsUnsigned() throws IOException {
        byte[] labels = {0, 9, (byte) 200, (byte) 255};
        Path file = directory.resolve("labels-idx1-ubyte.gz");
        Idx.write(file, new IdxData(labels, new int[] {4}));
        IdxData read = Idx.readLabels(file);
        assertEquals(4, read.count());
        assertEquals(1, read.itemSize());
        assertEquals(200, read.unsigned(2));
        assertEquals(255, read.unsigned(3));
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws IOException {
        byte[] content = concat(header(Idx.LABELS_MAGIC, 3), new byte[] {1, 2, 3});
        Path file = write("labels-without-extension", gzip(content));
        assertArrayEquals(new byte[] {1, 2, 3}, Idx.readLabels(file).data());
    }

    @Test
    void emptyDataIsValid() throws IOException {
        Path file = write("empty-labels", header(Idx.LABELS_MAGIC, 0));
        assertEquals(0, Idx.readLabels(file).count());
    }

    // ---- broken files ----

    @Test
    void emptyFile() throws IOException {
        DataFormatException e = readImagesFails(write("empty-idx3-ubyte", new byte[0]));
        assertTrue(e.getMessage().contains("got an empty file"), e.getMessage());
    }

    @Test
    void labelFileGivenAsImagesNamesBothMagicNumbers() throws IOException {
        Path file = write("train-images-idx3-ubyte", concat(header(Idx.LABELS_MAGIC, 2), new byte[2]));
        DataFormatException e = readImagesFails(file);
        assertEquals(file + ": expected magic number 2051 (images), got 2049 at byte 0", e.getMessage());
    }

    @Test
    void notAnIdxFile() throws IOException {
        Path file = write("archive-idx3-ubyte", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        DataFormatException e = readImagesFails(file);
        assertTrue(e.getMessage().contains("(0x504B0304) at byte 0"), e.getMessage());
    }

    @Test
    void wrongTypeByte() throws IOException {
        byte[] floats = header(0x0D03, 1, 1, 1);
        DataFormatException e = readImagesFails(write("float-images-idx3", concat(floats, new byte[4])));
        assertTrue(e.getMessage().contains("expected data type 0x08 (unsigned byte), got 0x0D at byte 2"),
                e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] cut = Arrays.copyOf(header(Idx.IMAGES_MAGIC, 10, 28, 28), 9);
        DataFormatException e = readImagesFails(write("short-header-idx3", cut));
        assertTrue(e.getMessage().contains("expected a 16-byte IDX header, got only 9 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated at byte 9"), e.getMessage());
    }

    @Test
    void truncatedDataRaw() throws IOException {
        byte[] content = concat(header(Idx.IMAGES_MAGIC, 10, 2, 2), new byte[39]);
        DataFormatException e = readImagesFails(write("short-idx3-ubyte", content));
        assertTrue(e.getMessage().contains("expected 56 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("[10, 2, 2]"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated at byte 55"), e.getMessage());
    }

    @Test
    void truncatedDataInsideACompleteGzipStream() throws IOException {
        byte[] content = concat(header(Idx.IMAGES_MAGIC, 10, 2, 2), new byte[39]);
        DataFormatException e = readImagesFails(write("short-idx3-ubyte.gz", gzip(content)));
        assertTrue(e.getMessage().contains("expected 40 bytes of data for dimensions [10, 2, 2]"), e.getMessage());
        assertTrue(e.getMessage().contains("got 39; the data is truncated at byte 55"), e.getMessage());
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] content = concat(header(Idx.IMAGES_MAGIC, 100, 10, 10), randomBytes(10_000, 2));
        byte[] packed = gzip(content);
        Path file = write("cut-idx3-ubyte.gz", Arrays.copyOf(packed, packed.length / 2));
        DataFormatException e = readImagesFails(file);
        assertTrue(e.getMessage().contains("expected a complete gzip stream"), e.getMessage());
    }

    @Test
    void gzipStreamCutInsideItsHeader() throws IOException {
        Path file = write("cut-header-idx3-ubyte.gz", Arrays.copyOf(gzip(header(Idx.IMAGES_MAGIC, 0, 1, 1)), 5));
        DataFormatException e = readImagesFails(file);
        assertTrue(e.getMessage().contains("gzip header"), e.getMessage());
    }

    @Test
    void hugeDeclaredCountInRawFileFailsBeforeAllocating() throws IOException {
        // 2^31 - 1 images of 28x28 would be 1.6 TB; the test JVM's heap is far smaller.
        Path file = write("huge-idx3-ubyte", concat(header(Idx.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28), new byte[100]));
        DataFormatException e = readImagesFails(file);
        assertTrue(e.getMessage().contains("[2147483647, 28, 28]"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated at byte 116"), e.getMessage());
    }

    @Test
    void hugeDeclaredCountInGzipFileFailsAtTheTruncationPoint() throws IOException {
        // The largest count one array can hold: allocating it up front needs 2 GiB, more than the
        // test JVM's whole heap (-Xmx2g), so only growing the buffer with the data avoids an OutOfMemoryError.
        int largestArray = Integer.MAX_VALUE - 8;
        Path file = write("huge-idx1-ubyte.gz", gzip(concat(header(Idx.LABELS_MAGIC, largestArray), new byte[100])));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(file));
        assertNamesFile(file, e);
        assertTrue(e.getMessage().contains("got 100; the data is truncated at byte 108"), e.getMessage());
    }

    @Test
    void declaredItemsBeyondAnArrayInGzipFile() throws IOException {
        Path file = write("too-many-idx3-ubyte.gz", gzip(header(Idx.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28)));
        DataFormatException e = readImagesFails(file);
        assertTrue(e.getMessage().contains("expected at most 2147483639 items"), e.getMessage());
    }

    @Test
    void dimensionWithTheHighBitSet() throws IOException {
        byte[] content = header(Idx.LABELS_MAGIC, 0);
        Arrays.fill(content, 4, 8, (byte) 0xFF);
        Path file = write("negative-idx1-ubyte", content);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(file));
        assertNamesFile(file, e);
        assertTrue(e.getMessage().contains("got 4294967295 at byte 4"), e.getMessage());
    }

    @Test
    void trailingBytesRaw() throws IOException {
        byte[] content = concat(header(Idx.LABELS_MAGIC, 3), new byte[] {1, 2, 3, 4, 5});
        Path file = write("long-idx1-ubyte", content);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(file));
        assertNamesFile(file, e);
        assertTrue(e.getMessage().contains("2 trailing bytes from byte 11"), e.getMessage());
    }

    @Test
    void trailingBytesGzipped() throws IOException {
        byte[] content = concat(header(Idx.LABELS_MAGIC, 3), new byte[] {1, 2, 3, 4, 5});
        Path file = write("long-idx1-ubyte.gz", gzip(content));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readLabels(file));
        assertNamesFile(file, e);
        assertTrue(e.getMessage().contains("expected the data to end at byte 11"), e.getMessage());
    }

    // ---- helpers ----

    private DataFormatException readImagesFails(Path file) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(file));
        assertNamesFile(file, e);
        return e;
    }

    static void assertNamesFile(Path file, Exception e) {
        assertTrue(e.getMessage().startsWith(file.toString() + ":"), "message should name " + file + ": " + e.getMessage());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(directory.resolve(name), content);
    }

    /** An IDX header: the magic number then the big-endian dimension sizes. */
    static byte[] header(int magic, int... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.array();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] randomBytes(int count, long seed) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static boolean isGzip(Path file) throws IOException {
        byte[] start = Files.readAllBytes(file);
        return (start[0] & 0xFF) == 0x1f && (start[1] & 0xFF) == 0x8b;
    }
}
