package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LoaderFuzz;
import dev.dendrite.testing.Mutation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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
 * Damaged, random and doctored model files. The only outcomes allowed are a {@link
 * ModelFormatException} naming the file, or a model whose parameters have exactly the shapes its
 * recorded architecture gives and which runs a forward pass. In a file as this version writes it,
 * any change to the header or the data fails the checksum; in the same file as version 1 wrote it
 * (no checksum), header changes reach the parser and the architecture's checks, metadata values
 * are mutated one entry at a time, and a change to the data bytes alone must load with exactly the
 * changed weights. No load may hang or allocate more than a small multiple
 * of the file's size. (ModelFileMutationTest covers every truncation and single flips of one file.)
 */
class ModelFileFuzzTest {
    private static final long BYTES_PER_INPUT_BYTE = 64;
    /** Numbers that break naive size arithmetic: signs, int and long limits, floats, huge exponents. */
    private static final List<String> EXTREME_NUMBERS = List.of("0", "-1", "1", "-0", "1.5", "1e2", "1e400",
            "46341", "65536", "100000000", "2147483647", "2147483648", "4294967296", "9223372036854775807",
            "9223372036854775808", "18446744073709551616", "99999999999999999999999999999");
    /** Fragments that break JSON structure or the header's schema. */
    private static final List<String> JSON_FRAGMENTS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000",
            "null", "true", "-", "1", "[]", "{}", "\"\"", "\"__metadata__\":{}", "\"dtype\":\"F32\"", "\"F16\"",
            "\"shape\":[]", "\"data_offsets\":[0,0]", "\\\"", "\\\"type\\\":\\\"dense\\\"", "\\\"in\\\":7", "é", "\u0000");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private static Path directory;
    /** Files as this version writes them (format version 2, with a checksum over header and data). */
    private static List<byte[]> models;
    /**
     * The same files as format version 1 wrote them, without a checksum, so that a doctored header
     * reaches the parser's and the architecture's checks instead of failing the checksum.
     */
    private static List<byte[]> unchecked;

    @BeforeContainer
    static void saveModels() throws IOException {
        directory = Files.createTempDirectory("model-fuzz");
        Random random = new Random(31);
        List<Sequential> built = List.of(
                new Sequential(new Dense(3, 4, random), new LeakyReLU(0.05f), new Dense(4, 4, random), new ELU(),
                        new Dropout(0.25, random), new Dense(4, 2, random), new Tanh(), new Softmax()),
                new Sequential(new Dense(2, 3, random), new ReLU()),
                new Sequential(new Dense(5, 6, random), new Sigmoid(), new Dense(6, 3, random)));
        models = new ArrayList<>();
        for (Sequential model : built) {
            Path file = directory.resolve("valid.safetensors");
            ModelFile.save(file, model, Map.of("classes", "a,b,c"));
            byte[] bytes = Files.readAllBytes(file);
            assertArrayEquals(weights(model), dataFloats(bytes), "the data buffer holds the weights in order");
            models.add(bytes);
        }
        unchecked = models.stream().map(ModelFileFuzzTest::asVersion1).toList();
    }

    /** The file rewritten as format version 1: the same tensors, no {@code crc32}. */
    private static byte[] asVersion1(byte[] file) {
        try {
            SafetensorsHeader header = SafetensorsHeader.parse(headerText(file), "valid.safetensors");
            Map<String, String> metadata = new java.util.LinkedHashMap<>(header.metadata());
            metadata.put("format_version", "1");
            metadata.remove("crc32");
            return withHeader(file, new String(SafetensorsHeader.encode(metadata,
                    List.copyOf(header.tensors().values())), StandardCharsets.UTF_8));
        } catch (ModelFormatException e) {
            throw new IllegalStateException(e);
        }
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

    @Property(tries = 1500, seed = "201")
    void damagedFilesLoadWithTheirArchitecturesShapesOrAreRefused(@ForAll @IntRange(max = 2) int model,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> mutations) {
        checkOutcome(Mutation.applyAll(mutations, models.get(model)), mutations.toString());
    }

    @Property(tries = 1500, seed = "202")
    void damagedHeadersLoadWithTheirArchitecturesShapesOrAreRefused(@ForAll @IntRange(max = 2) int model,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> mutations) {
        byte[] valid = unchecked.get(model);
        checkOutcome(Mutation.applyAll(mutations, valid, 0, dataStart(valid)), "header: " + mutations);
    }

    @Property(tries = 400, seed = "203")
    void changedDataBytesLoadAsTheChangedWeightsWithoutAChecksum(@ForAll @IntRange(max = 2) int model,
            @ForAll @Size(min = 1, max = 8) List<@From("inPlace") Mutation> mutations) {
        byte[] valid = unchecked.get(model);
        byte[] bytes = Mutation.applyAll(mutations, valid, dataStart(valid), valid.length);
        LoaderFuzz.Outcome<SavedModel> outcome = load(bytes, "data: " + mutations, true);
        assertTrue(outcome.loaded(), "data: " + mutations + ": a file whose header is intact was refused");
        SavedModel saved = outcome.value();
        float[] expected = dataFloats(bytes);
        float[] loaded = weights(saved.model());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(loaded[i]),
                    "data: " + mutations + ": weight " + i);
        }
    }

    @Property(tries = 400, seed = "209")
    void changedDataBytesAreRefusedByTheChecksum(@ForAll @IntRange(max = 2) int model,
            @ForAll @Size(min = 1, max = 8) List<@From("inPlace") Mutation> mutations) {
        byte[] valid = models.get(model);
        byte[] bytes = Mutation.applyAll(mutations, valid, dataStart(valid), valid.length);
        LoaderFuzz.Outcome<SavedModel> outcome = load(bytes, "data: " + mutations);
        Statistics.label("outcome").collect(outcome.loaded() ? "loaded" : "refused");
        assertEquals(Arrays.equals(bytes, valid), outcome.loaded(), "data: " + mutations
                + ": only an unchanged file loads");
    }

    @Property(tries = 1500, seed = "210")
    void metadataValuesMutatedAreRefusedOrConsistent(@ForAll @IntRange(max = 2) int model,
            @ForAll @IntRange(max = 999) int which, @ForAll @IntRange(max = 4) int kind,
            @ForAll @IntRange(max = 999) int where, @ForAll("metadataText") String replacement,
            @ForAll boolean checked) {
        byte[] valid = (checked ? models : unchecked).get(model);
        SafetensorsHeader header;
        try {
            header = SafetensorsHeader.parse(headerText(valid), "valid.safetensors");
        } catch (ModelFormatException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> metadata = new java.util.LinkedHashMap<>(header.metadata());
        List<String> keys = List.copyOf(metadata.keySet());
        String key = keys.get(which * keys.size() / 1000);
        String value = metadata.get(key);
        int at = where * (value.length() + 1) / 1000;
        String edit = switch (kind) {
            case 0 -> replacement;                                                  // the whole value
            case 1 -> value.substring(0, at) + replacement + value.substring(at);    // an insertion
            case 2 -> value.substring(0, at) + replacement + value.substring(Math.min(value.length(), at + 1));
            case 3 -> value.substring(0, at);                                       // cut short
            default -> null;                                                         // the entry removed
        };
        if (edit == null) {
            metadata.remove(key);
        } else {
            metadata.put(key, edit);
        }
        String mutation = (checked ? "version 2, " : "version 1, ") + "metadata '" + key + "' = '" + value
                + "' became " + (edit == null ? "absent" : "'" + edit + "'");
        byte[] bytes = withHeader(valid, new String(SafetensorsHeader.encode(metadata,
                List.copyOf(header.tensors().values())), StandardCharsets.UTF_8));
        SavedModel saved = checkOutcome(bytes, mutation);
        Statistics.label("metadata").collect((checked ? "checked " : "unchecked ") + (saved != null ? "loaded"
                : "refused"));
        if (checked && saved != null) {
            assertTrue(value.equals(edit), mutation + ": a changed header passed the checksum");
        }
    }

    @Property(tries = 400, seed = "204")
    void truncatedFilesAreRefused(@ForAll @IntRange(max = 2) int model, @ForAll @IntRange(max = 2) int region,
            @ForAll @IntRange(max = 999_999) int where) {
        byte[] valid = models.get(model);
        int[] bounds = {0, 8, dataStart(valid), valid.length};
        int cut = bounds[region] + (int) ((long) where * (bounds[region + 1] - bounds[region]) / 1_000_000);
        assertFalse(load(Arrays.copyOf(valid, cut), "cut at " + cut).loaded(), "cut at " + cut + " loaded");
    }

    @Property(tries = 1000, seed = "205")
    void headerNumbersReplacedByExtremeValuesAreRefusedOrConsistent(@ForAll @IntRange(max = 2) int model,
            @ForAll @IntRange(max = 999) int which, @ForAll("extremeNumbers") String replacement) {
        String header = headerText(unchecked.get(model));
        List<int[]> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(header);
        while (matcher.find()) {
            numbers.add(new int[] {matcher.start(), matcher.end()});
        }
        int[] span = numbers.get(which * numbers.size() / 1000);
        String doctored = header.substring(0, span[0]) + replacement + header.substring(span[1]);
        checkOutcome(withHeader(unchecked.get(model), doctored), "number '" + header.substring(span[0], span[1])
                + "' at " + span[0] + " replaced by " + replacement);
    }

    @Property(tries = 1000, seed = "206")
    void headerFragmentsSplicedInAreRefusedOrConsistent(@ForAll @IntRange(max = 2) int model,
            @ForAll @IntRange(max = 999_999) int where, @ForAll @IntRange(max = 8) int removed,
            @ForAll("jsonFragments") String fragment) {
        String header = headerText(models.get(model));
        int at = (int) ((long) where * header.length() / 1_000_000);
        String doctored = header.substring(0, at) + fragment + header.substring(Math.min(header.length(), at + removed));
        checkOutcome(withHeader(models.get(model), doctored), "'" + fragment + "' at " + at + " replacing " + removed
                + " characters");
    }

    @Property(tries = 300, seed = "207")
    void hugeOrWrongHeaderLengthsAreRefused(@ForAll @IntRange(max = 2) int model, @ForAll("headerLengths") long length) {
        byte[] bytes = models.get(model).clone();
        long actual = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
        LoaderFuzz.Outcome<SavedModel> outcome = load(bytes, "header length " + Long.toUnsignedString(length));
        assertEquals(length == actual, outcome.loaded(), "header length " + Long.toUnsignedString(length)
                + " where the header has " + actual + " bytes");
    }

    @Property(tries = 500, seed = "208")
    void randomBytesAreRefused(@ForAll @Size(max = 200) byte[] tail, @ForAll boolean lengthFitsTheFile) {
        byte[] bytes = tail;
        if (lengthFitsTheFile) {
            bytes = ByteBuffer.allocate(8 + tail.length).order(ByteOrder.LITTLE_ENDIAN).putLong(tail.length).put(tail)
                    .array();
        }
        assertFalse(load(bytes, "random bytes " + Arrays.toString(bytes)).loaded());
    }

    /** Loads the bytes; a loaded model must have the architecture's shapes and run. Returns it, or null. */
    private static SavedModel checkOutcome(byte[] bytes, String mutation) {
        LoaderFuzz.Outcome<SavedModel> outcome = load(bytes, mutation);
        Statistics.label("outcome").collect(outcome.loaded() ? "loaded" : "refused");
        if (!outcome.loaded()) {
            return null;
        }
        SavedModel saved = outcome.value();
        Sequential fresh = Architecture.build(saved.metadata().get("architecture"), new Random(0));
        Map<String, Tensor> expected = fresh.namedParameters();
        Map<String, Tensor> loaded = saved.model().namedParameters();
        assertEquals(expected.keySet(), loaded.keySet(), mutation + ": parameter names");
        expected.forEach((name, tensor) -> assertArrayEquals(tensor.shape().dims(), loaded.get(name).shape().dims(),
                mutation + ": shape of " + name));
        Dense first = (Dense) fresh.children().values().stream().filter(Dense.class::isInstance).findFirst()
                .orElse(null);
        if (first != null) {
            Tensor input = Tensor.zeros(2, first.inFeatures());
            assertEquals(forwardShape(fresh, input), forwardShape(saved.model(), input), mutation + ": forward pass");
        }
        return saved;
    }

    /** The output shape, or the error, of a forward pass (a doctored Softmax axis may refuse rank 2). */
    private static String forwardShape(Sequential model, Tensor input) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return Arrays.toString(model.eval().forward(input).shape().dims());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static LoaderFuzz.Outcome<SavedModel> load(byte[] bytes, String mutation) {
        return load(bytes, mutation, false);
    }

    private static LoaderFuzz.Outcome<SavedModel> load(byte[] bytes, String mutation, boolean allowNonFinite) {
        Path file = directory.resolve("fuzzed.safetensors");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LoaderFuzz.attempt(() -> ModelFile.load(file, new Random(0), allowNonFinite),
                ModelFormatException.class, file, BYTES_PER_INPUT_BYTE, bytes.length, mutation);
    }

    private static int dataStart(byte[] file) {
        return 8 + (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String headerText(byte[] file) {
        return new String(file, 8, dataStart(file) - 8, StandardCharsets.UTF_8);
    }

    /** The file with its header replaced by {@code header} and the length prefix to match. */
    private static byte[] withHeader(byte[] file, String header) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        int start = dataStart(file);
        return ByteBuffer.allocate(8 + text.length + file.length - start).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length).put(text).put(file, start, file.length - start).array();
    }

    /** The data buffer as little-endian floats. */
    private static float[] dataFloats(byte[] file) {
        int start = dataStart(file);
        float[] values = new float[(file.length - start) / Float.BYTES];
        ByteBuffer.wrap(file, start, file.length - start).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** Every weight in parameter order, as the writer lays them out. */
    private static float[] weights(Sequential model) {
        return model.parameters().stream().map(Tensor::data).reduce(new float[0], (all, next) -> {
            float[] joined = Arrays.copyOf(all, all.length + next.length);
            System.arraycopy(next, 0, joined, all.length, next.length);
            return joined;
        });
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Provide
    Arbitrary<Mutation> inPlace() {
        return Mutation.inPlace();
    }

    @Provide
    Arbitrary<String> extremeNumbers() {
        return Arbitraries.oneOf(Arbitraries.of(EXTREME_NUMBERS),
                Arbitraries.integers().between(0, 200).map(String::valueOf));
    }

    /** Text for metadata values: numbers, JSON pieces, architecture fields and layer names. */
    @Provide
    Arbitrary<String> metadataText() {
        return Arbitraries.oneOf(extremeNumbers(), jsonFragments(), Arbitraries.of("", "dendrite", "1", "2", "3",
                "\"type\":\"dense\"", "{\"type\":\"relu\"}", "\"in\":", "\"out\":", "\"p\":", "dropout", "conv2d",
                "softmax", "\"axis\":", "[]", "[{}]", "null", "true", "0000000", "ffffffff", "\u0000", "é"));
    }

    @Provide
    Arbitrary<String> jsonFragments() {
        return Arbitraries.of(JSON_FRAGMENTS);
    }

    /** Lengths past the file, past the 100 MB limit, with the sign bit set, and near the real one. */
    @Provide
    Arbitrary<Long> headerLengths() {
        return Arbitraries.oneOf(Arbitraries.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 100_000_000L,
                100_000_001L, (long) Integer.MAX_VALUE, 0L, 1L, 7L), Arbitraries.longs().between(0, 2000),
                Arbitraries.longs());
    }
}
