package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.testing.LoaderFuzz;
import dev.dendrite.testing.Mutation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Damaged, random and oversized IDX files, raw and gzipped. Every outcome is checked against the
 * format itself ({@link #expected}): a file loads exactly when its content is a well-formed IDX
 * file of the requested kind, and then gives exactly the dimensions and bytes its header declares;
 * otherwise it is refused with a {@link DataFormatException} naming the file. No load may hang or
 * allocate more than a small multiple of the content's real size.
 */
class IdxFuzzTest {
    private static final BigInteger MAX_ITEMS = BigInteger.valueOf(Integer.MAX_VALUE - 8);
    private static final long BYTES_PER_INPUT_BYTE = 16;
    private static Path directory;

    @BeforeContainer
    static void createDirectory() throws IOException {
        directory = Files.createTempDirectory("idx-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    /** A valid image or label file's content, before any damage. */
    record Source(int magic, IdxData content) {
        byte[] bytes() {
            return encode(magic, content.dims(), content.data());
        }

        int headerLength() {
            return 4 + 4 * (magic & 0xFF);
        }
    }

    @Property(tries = 1500, seed = "101")
    void damagedContentLoadsExactlyWhenStillWellFormed(@ForAll("sources") Source source,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> mutations,
            @ForAll boolean inHeaderOnly, @ForAll boolean gzipped) {
        byte[] original = source.bytes();
        byte[] content = inHeaderOnly ? Mutation.applyAll(mutations, original, 0, source.headerLength())
                : Mutation.applyAll(mutations, original);
        check(source.magic(), gzipped ? gzip(content) : content, mutations + (gzipped ? ", gzipped" : ""));
    }

    @Property(tries = 600, seed = "102")
    void damagedGzipStreamsAreRefusedOrReadAsTheyDecompress(@ForAll("sources") Source source,
            @ForAll @Size(min = 1, max = 3) List<@From("mutations") Mutation> mutations) {
        check(source.magic(), Mutation.applyAll(mutations, gzip(source.bytes())), "gzip stream: " + mutations);
    }

    @Property(tries = 800, seed = "103")
    void randomBytesAreRefusedOrReadAsTheFormatSays(@ForAll boolean images, @ForAll boolean withMagic,
            @ForAll @Size(max = 64) byte[] tail) {
        int magic = images ? Idx.IMAGES_MAGIC : Idx.LABELS_MAGIC;
        byte[] bytes = withMagic ? concat(ByteBuffer.allocate(4).putInt(magic).array(), tail) : tail;
        check(magic, bytes, "random bytes " + Arrays.toString(bytes));
    }

    @Property(tries = 800, seed = "104")
    void hugeDeclaredSizesAreRefusedBeforeAllocating(@ForAll("declaredDimensions") int[] dims,
            @ForAll @IntRange(max = 64) int bodyLength, @ForAll boolean gzipped) {
        int magic = dims.length == 1 ? Idx.LABELS_MAGIC : Idx.IMAGES_MAGIC;
        byte[] body = new byte[bodyLength];
        new Random(bodyLength).nextBytes(body);
        byte[] content = encode(magic, dims, body);
        check(magic, gzipped ? gzip(content) : content, "dimensions " + Arrays.toString(dims) + " (as unsigned), "
                + bodyLength + " data bytes" + (gzipped ? ", gzipped" : ""));
    }

    @Example
    void dimensionsWhoseProductOverflowsALongAreRefused() {
        // 2^22 * 2^21 * 2^21 = 2^64, which is 0 in a long: a header-only file would read as empty.
        int[] dims = {1 << 22, 1 << 21, 1 << 21};
        for (boolean gzipped : new boolean[] {false, true}) {
            byte[] content = encode(Idx.IMAGES_MAGIC, dims, new byte[0]);
            LoaderFuzz.Outcome<IdxData> outcome = load(Idx.IMAGES_MAGIC, gzipped ? gzip(content) : content,
                    "overflowing dimensions");
            assertFalse(outcome.loaded(), "read as " + outcome.value());
            assertTrue(outcome.refusal().getMessage().contains(Arrays.toString(dims)), outcome.refusal().getMessage());
        }
    }

    @Example
    void zeroImagesOfAnImpossibleSizeAreRefused() {
        // No items, but an item of 2^40 bytes: the row length would not fit an int.
        int[] dims = {0, 1 << 20, 1 << 20};
        LoaderFuzz.Outcome<IdxData> outcome = load(Idx.IMAGES_MAGIC, encode(Idx.IMAGES_MAGIC, dims, new byte[0]),
                "zero images of 2^40 pixels");
        assertFalse(outcome.loaded(), "read as " + outcome.value());
    }

    /** Loads the file and checks the outcome against {@link #expected}. */
    private static void check(int magic, byte[] fileBytes, String mutation) {
        LoaderFuzz.Outcome<IdxData> outcome = load(magic, fileBytes, mutation);
        IdxData expected = expected(magic, fileBytes);
        Statistics.label("outcome").collect(outcome.loaded() ? "loaded" : "refused");
        if (expected == null) {
            assertFalse(outcome.loaded(), mutation + ": the format refuses this file, but it loaded as "
                    + outcome.value());
        } else {
            assertTrue(outcome.loaded(), mutation + ": a well-formed file " + expected + " was refused: "
                    + outcome.refusal());
            assertEquals(expected, outcome.value(), mutation);
            assertEquals(expected.count(), outcome.value().count(), mutation);
            assertEquals(expected.itemSize(), outcome.value().itemSize(), mutation);
        }
    }

    private static LoaderFuzz.Outcome<IdxData> load(int magic, byte[] fileBytes, String mutation) {
        Path file = directory.resolve(magic == Idx.IMAGES_MAGIC ? "images-idx3-ubyte" : "labels-idx1-ubyte");
        try {
            Files.write(file, fileBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] content = gunzipOrNull(fileBytes);
        long size = Math.max(fileBytes.length, content == null ? 0 : content.length);
        return LoaderFuzz.attempt(() -> magic == Idx.IMAGES_MAGIC ? Idx.readImages(file) : Idx.readLabels(file),
                DataFormatException.class, file, BYTES_PER_INPUT_BYTE, size, mutation);
    }

    /**
     * What the IDX format makes of a file, or null when it is not a valid file of this kind: the
     * content (decompressed when it starts with the gzip magic bytes) is the magic number, one
     * big-endian size below 2^31 per dimension, then exactly product(dims) bytes, and neither the
     * product nor one item's size may exceed a Java array.
     */
    static IdxData expected(int magic, byte[] fileBytes) {
        byte[] content = fileBytes.length >= 2 && (fileBytes[0] & 0xFF) == 0x1f && (fileBytes[1] & 0xFF) == 0x8b
                ? gunzipOrNull(fileBytes) : fileBytes;
        int rank = magic & 0xFF;
        int header = 4 + 4 * rank;
        if (content == null || content.length < header || ByteBuffer.wrap(content).getInt(0) != magic) {
            return null;
        }
        int[] dims = new int[rank];
        BigInteger items = BigInteger.ONE;
        BigInteger itemSize = BigInteger.ONE;
        for (int axis = 0; axis < rank; axis++) {
            long size = ByteBuffer.wrap(content).getInt(4 + 4 * axis) & 0xFFFFFFFFL;
            if (size > Integer.MAX_VALUE) {
                return null;
            }
            dims[axis] = (int) size;
            items = items.multiply(BigInteger.valueOf(size));
            itemSize = axis == 0 ? itemSize : itemSize.multiply(BigInteger.valueOf(size));
        }
        if (items.compareTo(MAX_ITEMS) > 0 || itemSize.compareTo(MAX_ITEMS) > 0
                || !items.add(BigInteger.valueOf(header)).equals(BigInteger.valueOf(content.length))) {
            return null;
        }
        return new IdxData(Arrays.copyOfRange(content, header, content.length), dims);
    }

    @Provide
    Arbitrary<Source> sources() {
        Arbitrary<Source> images = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 6))
                .as((n, rows, columns) -> new int[] {n, rows, columns})
                .flatMap(dims -> withData(Idx.IMAGES_MAGIC, dims));
        Arbitrary<Source> labels = Arbitraries.integers().between(0, 40).flatMap(n -> withData(Idx.LABELS_MAGIC,
                new int[] {n}));
        return Arbitraries.oneOf(images, labels);
    }

    private static Arbitrary<Source> withData(int magic, int[] dims) {
        int items = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        return Arbitraries.bytes().array(byte[].class).ofSize(items)
                .map(data -> new Source(magic, new IdxData(data, dims)));
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    /** Sizes around the limits: 2^31 - 1, powers of two whose products overflow, small ones, and any 32 bits. */
    @Provide
    Arbitrary<int[]> declaredDimensions() {
        Arbitrary<Integer> dimension = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 1 << 30,
                        1 << 24, 1 << 22, 1 << 21, 1 << 16, 46341, 65536)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 8)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers()));
        return Arbitraries.oneOf(dimension.array(int[].class).ofSize(1), dimension.array(int[].class).ofSize(3));
    }

    private static byte[] encode(int magic, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length).putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The decompressed content, or null when the bytes are not a complete gzip stream. */
    private static byte[] gunzipOrNull(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
