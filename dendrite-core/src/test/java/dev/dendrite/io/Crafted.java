package dev.dendrite.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model-file bytes written by hand in tests, without the code under test. */
final class Crafted {
    /** The architecture of the hand-made file: Dense(2 -> 3), ReLU. */
    static final String ARCHITECTURE = "[{\"type\":\"dense\",\"in\":2,\"out\":3},{\"type\":\"relu\"}]";
    /** The weights, then the bias, of the hand-made file. */
    static final float[] VALUES = {1, 2, 3, 4, 5, 6, 0.5f, -0.5f, 0.25f};

    private Crafted() {
    }

    /** The metadata object of a valid file with {@code architecture}, as JSON text. */
    static String metadata(String architecture) {
        return "{\"format\":\"dendrite\",\"format_version\":\"1\",\"architecture\":" + quote(architecture) + "}";
    }

    /** A JSON string literal for {@code text} (enough escaping for the texts used in tests). */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The header of the valid hand-made file, unpadded. */
    static String validHeader() {
        return "{\"__metadata__\":" + metadata(ARCHITECTURE) + ","
                + "\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"layers.0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}}";
    }

    /** The little-endian float32 bytes of {@code values}. */
    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    /** A file: the 8-byte little-endian length of {@code header}, its UTF-8 bytes, then {@code data}. */
    static byte[] file(String header, byte[] data) {
        return file(header.getBytes(StandardCharsets.UTF_8), data);
    }

    /** A file: the 8-byte little-endian length of {@code header}, its bytes, then {@code data}. */
    static byte[] file(byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).put(data).array();
    }

    /** Writes {@code bytes} to {@code directory/name} and returns the path. */
    static Path write(Path directory, String name, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(name), bytes);
    }
}
