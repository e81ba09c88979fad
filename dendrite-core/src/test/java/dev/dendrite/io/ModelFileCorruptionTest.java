package dev.dendrite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files written byte by byte: each must be refused with a message naming the problem. */
class ModelFileCorruptionTest {
    private static final String WEIGHT = "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}";
    private static final String BIAS = "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}";
    private static final byte[] DATA = Crafted.floats(Crafted.VALUES);

    @TempDir
    Path directory;

    /** A header with the valid metadata and the given tensor entries. */
    private static String header(String... entries) {
        return headerWith(Crafted.metadata(Crafted.ARCHITECTURE), entries);
    }

    private static String headerWith(String metadata, String... entries) {
        StringBuilder out = new StringBuilder("{\"__metadata__\":").append(metadata);
        for (String entry : entries) {
            out.append(',').append(entry);
        }
        return out.append('}').toString();
    }

    private void assertRefused(byte[] bytes, String... fragments) throws IOException {
        Path file = Crafted.write(directory, "model.safetensors", bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    private void assertRefused(String header, String... fragments) throws IOException {
        assertRefused(Crafted.file(header, DATA), fragments);
    }

    // ---- the length prefix ----

    @Test
    void filesShorterThanTheLengthPrefix() throws IOException {
        assertRefused(new byte[0], "at least 8 bytes", "0 bytes");
        assertRefused(new byte[7], "at least 8 bytes", "7 bytes");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        byte[] bytes = Crafted.file(Crafted.validHeader(), DATA);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length);
        assertRefused(bytes, "header of " + bytes.length + " bytes", "file of " + bytes.length + " bytes");
    }

    @Test
    void absurdHeaderLengthsAllocateNothing() throws IOException {
        for (long length : new long[] {-1L, Long.MAX_VALUE, 100_000_001L, 1L << 40}) {
            byte[] bytes = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
            assertRefused(bytes, "at most 100000000 bytes", Long.toUnsignedString(length));
        }
    }

    // ---- the JSON itself ----

    @Test
    void headersThatAreNotJson() throws IOException {
        assertRefused("{not json", "valid JSON header");
        assertRefused("", "a JSON object in the header, got the end of the text");
        assertRefused("{\"__metadata__\":{}", "valid JSON header");
        assertRefused(Crafted.validHeader() + "{}", "nothing after the closing");
        assertRefused("[]", "a JSON object");
        assertRefused("{\"__metadata__\":[]}", "an object for '__metadata__'");
    }

    @Test
    void headersThatAreNotUtf8() throws IOException {
        byte[] header = Crafted.validHeader().getBytes(StandardCharsets.UTF_8);
        int at = Crafted.validHeader().indexOf("dendrite");
        header[at] = (byte) 0xC3;
        header[at + 1] = (byte) 0x28;
        assertRefused(Crafted.file(header, DATA), "not UTF-8", "file byte " + (8 + at));
        header[at] = (byte) 0xFF;
        assertRefused(Crafted.file(header, DATA), "not UTF-8");
    }

    @Test
    void duplicateKeys() throws IOException {
        assertRefused(header(WEIGHT, BIAS, WEIGHT), "valid JSON header", "layers.0.weight");
    }

    // ---- tensor entries ----

    @Test
    void missingOrUnknownDtype() throws IOException {
        assertRefused(header(WEIGHT.replace("\"dtype\":\"F32\",", ""), BIAS), "no dtype", "layers.0.weight");
        assertRefused(header(WEIGHT.replace("F32", "F16"), BIAS), "dtype F16", "expected F32",
                "the only dtype this version reads");
        assertRefused(header(WEIGHT.replace("\"F32\"", "32"), BIAS), "a string for tensor 'layers.0.weight' dtype");
    }

    @Test
    void malformedShapesAndOffsets() throws IOException {
        assertRefused(header(WEIGHT.replace(",\"shape\":[2,3]", ""), BIAS), "no shape");
        assertRefused(header(WEIGHT.replace(",\"data_offsets\":[0,24]", ""), BIAS), "no data_offsets");
        assertRefused(header(WEIGHT.replace("[2,3]", "[2,-3]"), BIAS), "integers from 0", "got -3");
        assertRefused(header(WEIGHT.replace("[2,3]", "[2,3.0]"), BIAS), "integers from 0", "got 3.0");
        assertRefused(header(WEIGHT.replace("[2,3]", "[2,\"3\"]"), BIAS), "integers from 0");
        assertRefused(header(WEIGHT.replace("[2,3]", "[2,4294967296]"), BIAS), "below 2^31");
        assertRefused(header(WEIGHT.replace("[2,3]", "[2,99999999999999999999]"), BIAS), "integers from 0");
        assertRefused(header(WEIGHT.replace("[0,24]", "[0,24,36]"), BIAS), "[begin, end]");
        assertRefused(header(WEIGHT.replace("[0,24]", "{}"), BIAS), "an array of integers");
        assertRefused(header(WEIGHT.replace("}", ",\"extra\":1}"), BIAS), "got 'extra'");
        assertRefused(header("\"layers.0.weight\":[1]", BIAS), "an object for 'layers.0.weight'");
    }

    @Test
    void elementCountDisagreesWithTheOffsets() throws IOException {
        assertRefused(header(WEIGHT.replace("[2,3]", "[3,3]"), BIAS),
                "tensor 'layers.0.weight' has shape [3, 3]", "spanning 36 bytes", "got [0, 24]");
        assertRefused(header(WEIGHT.replace("[0,24]", "[24,0]"), BIAS.replace("[24,36]", "[0,12]")),
                "got [24, 0]");
    }

    @Test
    void tensorsTooLargeForAnArrayAllocateNothing() throws IOException {
        String huge = WEIGHT.replace("[2,3]", "[100000,100000]").replace("[0,24]", "[0,40000000000]");
        assertRefused(header(huge, BIAS), "at most 2147483639 elements", "[100000, 100000]");
    }

    @Test
    void offsetsOutsideTheBuffer() throws IOException {
        assertRefused(header(WEIGHT, BIAS.replace("[24,36]", "[36,48]")), "within the 36-byte data buffer",
                "[36, 48]");
        String beyondLong = WEIGHT.replace("[0,24]", "[0,9223372036854775808]");
        assertRefused(header(beyondLong, BIAS), "integers from 0");
    }

    @Test
    void overlappingGappedOrIncompleteTiling() throws IOException {
        String shiftedBias = BIAS.replace("[24,36]", "[20,32]");
        assertRefused(header(WEIGHT, shiftedBias), "'layers.0.bias' at data bytes [20, 32] overlaps tensor "
                + "'layers.0.weight' at [0, 24]");
        assertRefused(Crafted.file(header(WEIGHT, BIAS.replace("[24,36]", "[28,40]")), Crafted.floats(new float[10])),
                "start at data byte 24", "gap", "starts at 28");
        assertRefused(Crafted.file(header(WEIGHT, BIAS), Crafted.floats(new float[10])),
                "cover the 40-byte data buffer", "4 bytes after the last tensor");
    }

    @Test
    void tensorsMayLieInTheBufferInAnyOrder() throws IOException {
        String reordered = header(WEIGHT.replace("[0,24]", "[12,36]"), BIAS.replace("[24,36]", "[0,12]"));
        Path file = Crafted.write(directory, "model.safetensors", Crafted.file(reordered, DATA));
        Dense dense = (Dense) ModelFile.load(file).model().layers().get(0);
        assertArrayEquals(new float[] {1, 2, 3}, dense.bias().data());
        assertArrayEquals(new float[] {4, 5, 6, 0.5f, -0.5f, 0.25f}, dense.weight().data());
    }

    // ---- metadata and format version ----

    @Test
    void notADendriteFile() throws IOException {
        assertRefused("{" + WEIGHT + "," + BIAS + "}", "without __metadata__");
        assertRefused(headerWith("{\"format\":\"pt\",\"format_version\":\"1\"}", WEIGHT, BIAS),
                "format \"dendrite\"", "got \"pt\"");
        assertRefused(headerWith("{\"format_version\":\"1\"}", WEIGHT, BIAS), "format \"dendrite\"", "got none");
        assertRefused(headerWith("{\"format\":1}", WEIGHT, BIAS), "a string for __metadata__ 'format'");
    }

    @Test
    void missingOrUnsupportedFormatVersion() throws IOException {
        String noVersion = "{\"format\":\"dendrite\",\"architecture\":" + Crafted.quote(Crafted.ARCHITECTURE) + "}";
        assertRefused(headerWith(noVersion, WEIGHT, BIAS), "format_version \"1\" or \"2\"", "got none");
        String laterVersion = Crafted.metadata(Crafted.ARCHITECTURE).replace("\"1\"", "\"3\"");
        assertRefused(headerWith(laterVersion, WEIGHT, BIAS), "format_version \"1\" or \"2\"", "got \"3\"",
                "reads format versions 1 and 2 only");
        String withoutChecksum = Crafted.metadata(Crafted.ARCHITECTURE).replace("\"1\"", "\"2\"");
        assertRefused(headerWith(withoutChecksum, WEIGHT, BIAS), "crc32 entry", "got none");
    }

    // ---- the architecture against the tensors ----

    @Test
    void missingOrBrokenArchitecture() throws IOException {
        assertRefused(headerWith("{\"format\":\"dendrite\",\"format_version\":\"1\"}", WEIGHT, BIAS),
                "architecture entry");
        assertRefused(headerWith(Crafted.metadata("[{\"type\":\"dense\""), WEIGHT, BIAS),
                "architecture: expected valid JSON");
        assertRefused(headerWith(Crafted.metadata("{\"type\":\"relu\"}"), WEIGHT, BIAS),
                "expected a JSON array of layers");
        assertRefused(headerWith(Crafted.metadata("[{\"in\":2}]"), WEIGHT, BIAS), "a 'type' in layers.0");
    }

    @Test
    void unknownLayerType() throws IOException {
        String architecture = Crafted.ARCHITECTURE.replace("relu", "conv2d");
        assertRefused(headerWith(Crafted.metadata(architecture), WEIGHT, BIAS), "architecture layers.1",
                "layer type", "got 'conv2d'", "dense", "leaky_relu");
    }

    @Test
    void badHyperparameters() throws IOException {
        assertRefused(headerWith(Crafted.metadata(Crafted.ARCHITECTURE.replace("\"relu\"", "\"relu\",\"alpha\":1")),
                WEIGHT, BIAS), "layers.1", "no fields besides 'type'", "'alpha'");
        assertRefused(headerWith(Crafted.metadata(Crafted.ARCHITECTURE.replace("\"in\":2", "\"in\":2.5")),
                WEIGHT, BIAS), "layers.0", "an integer for 'in'", "2.5");
        assertRefused(headerWith(Crafted.metadata(Crafted.ARCHITECTURE.replace("\"in\":2", "\"in\":0")),
                WEIGHT, BIAS), "'in' > 0");
        String dropout = Crafted.ARCHITECTURE.replace("]", ",{\"type\":\"dropout\",\"p\":1.5}]");
        assertRefused(headerWith(Crafted.metadata(dropout), WEIGHT, BIAS), "layers.2", "Dropout", "1.5");
        String leaky = Crafted.ARCHITECTURE.replace("]", ",{\"type\":\"leaky_relu\",\"alpha\":-1}]");
        assertRefused(headerWith(Crafted.metadata(leaky), WEIGHT, BIAS), "layers.2", "alpha >= 0");
    }

    @Test
    void tensorsThatDisagreeWithTheArchitecture() throws IOException {
        assertRefused(Crafted.file(header(WEIGHT), Crafted.floats(new float[6])),
                "architecture expects tensor 'layers.0.bias' with shape [3], not in the file");
        String extra = "\"layers.1.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[36,40]}";
        assertRefused(Crafted.file(header(WEIGHT, BIAS, extra), Crafted.floats(new float[10])),
                "tensor 'layers.1.weight' is not part of the architecture", "layers.0.weight, layers.0.bias");
        String transposed = WEIGHT.replace("[2,3]", "[3,2]");
        assertRefused(header(transposed, BIAS),
                "tensor 'layers.0.weight' has shape [3, 2], architecture expects [2, 3]");
    }

    @Test
    void architectureDemandingHugeWeightsIsCheckedAgainstTheFileFirst() throws IOException {
        // 50000 x 40000 floats is 8 GB: the shapes must be refused against the 36-byte file, not allocated.
        String architecture = "[{\"type\":\"dense\",\"in\":50000,\"out\":40000}]";
        assertRefused(headerWith(Crafted.metadata(architecture), WEIGHT, BIAS),
                "tensor 'layers.0.weight' has shape [2, 3], architecture expects [50000, 40000]");
        String hugeTensor = WEIGHT.replace("[2,3]", "[50000,40000]").replace("[0,24]", "[0,8000000000]");
        assertRefused(headerWith(Crafted.metadata(architecture), hugeTensor, BIAS.replace("[24,36]",
                "[8000000000,8000160000]").replace("[3]", "[40000]")), "within the 36-byte data buffer");
    }
}
