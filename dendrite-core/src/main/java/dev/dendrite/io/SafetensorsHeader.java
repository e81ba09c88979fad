package dev.dendrite.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: the {@code __metadata__} strings and, per tensor, its
 * dtype, shape and byte range in the data buffer. Parsing checks the structure strictly; {@link
 * #checkLayout} checks that the ranges match the shapes and tile the buffer exactly. Immutable.
 */
final class SafetensorsHeader {
    /** The safetensors reference implementation's cap; a header is a few kilobytes in practice. */
    static final long MAX_BYTES = 100_000_000L;
    static final String METADATA = "__metadata__";
    static final String F32 = "F32";
    /** The most elements a float[] can hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** One tensor's entry: {@code data_offsets} are {@code [begin, end)} relative to the data buffer. */
    record Entry(String name, String dtype, int[] shape, long begin, long end) {
        long elements() {
            long count = 1;
            for (int dim : shape) {
                count *= dim;
            }
            return count;
        }
    }

    private final Map<String, String> metadata;
    private final Map<String, Entry> tensors;

    private SafetensorsHeader(Map<String, String> metadata, Map<String, Entry> tensors) {
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /** The {@code __metadata__} entries, or {@code null} when the header has none. */
    Map<String, String> metadata() {
        return metadata;
    }

    /** The tensors by name, in header order. */
    Map<String, Entry> tensors() {
        return tensors;
    }

    /** The header as UTF-8 JSON, padded with spaces so the data buffer starts 8-byte aligned. */
    static byte[] encode(Map<String, String> metadata, List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = Json.FACTORY.createGenerator(bytes)) {
            generator.writeStartObject();
            generator.writeObjectFieldStart(METADATA);
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                generator.writeStringField(entry.getKey(), entry.getValue());
            }
            generator.writeEndObject();
            for (Entry entry : entries) {
                generator.writeObjectFieldStart(entry.name());
                generator.writeStringField("dtype", entry.dtype());
                generator.writeArrayFieldStart("shape");
                for (int dim : entry.shape()) {
                    generator.writeNumber(dim);
                }
                generator.writeEndArray();
                generator.writeArrayFieldStart("data_offsets");
                generator.writeNumber(entry.begin());
                generator.writeNumber(entry.end());
                generator.writeEndArray();
                generator.writeEndObject();
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        while (bytes.size() % 8 != 0) {
            bytes.write(' ');
        }
        return bytes.toByteArray();
    }

    /**
     * Parses a header.
     *
     * @throws ModelFormatException if it is not a JSON object of the documented form
     */
    static SafetensorsHeader parse(String json, String file) throws ModelFormatException {
        Map<String, String> metadata = null;
        Map<String, Entry> tensors = new LinkedHashMap<>();
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "a JSON object", parser, file);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                expect(parser.nextToken() == JsonToken.START_OBJECT, "an object for '" + name + "'", parser, file);
                if (name.equals(METADATA)) {
                    metadata = readMetadata(parser, file);
                } else {
                    tensors.put(name, readEntry(name, parser, file));
                }
            }
            expect(parser.nextToken() == null, "nothing after the closing '}'", parser, file);
        } catch (ModelFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file + ": expected a valid JSON header, got " + Json.problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String does not fail", e);
        }
        return new SafetensorsHeader(metadata == null ? null : Collections.unmodifiableMap(metadata),
                Collections.unmodifiableMap(tensors));
    }

    private static Map<String, String> readMetadata(JsonParser parser, String file) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            expect(parser.nextToken() == JsonToken.VALUE_STRING, "a string for __metadata__ '" + key + "'",
                    parser, file);
            metadata.put(key, parser.getText());
        }
        return metadata;
    }

    private static Entry readEntry(String name, JsonParser parser, String file) throws IOException {
        String dtype = null;
        int[] shape = null;
        long[] offsets = null;
        String where = "tensor '" + name + "'";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (key) {
                case "dtype" -> {
                    expect(value == JsonToken.VALUE_STRING, "a string for " + where + " dtype", parser, file);
                    dtype = parser.getText();
                }
                case "shape" -> shape = toInts(readNaturals(parser, where + " shape", file), where, file);
                case "data_offsets" -> {
                    offsets = readNaturals(parser, where + " data_offsets", file);
                    expect(offsets.length == 2, "[begin, end] for " + where + " data_offsets", parser, file);
                }
                default -> throw new ModelFormatException(file + ": expected only dtype, shape and data_offsets in "
                        + where + ", got '" + key + "'");
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw new ModelFormatException(file + ": expected dtype, shape and data_offsets for " + where
                    + ", got " + (dtype == null ? "no dtype" : shape == null ? "no shape" : "no data_offsets"));
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** Reads an array of integers in [0, 2^63). */
    private static long[] readNaturals(JsonParser parser, String what, String file) throws IOException {
        expect(parser.currentToken() == JsonToken.START_ARRAY, "an array of integers for " + what, parser, file);
        List<Long> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            boolean natural = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER && parser.getLongValue() >= 0;
            expect(natural, "integers from 0 to 2^63 - 1 in " + what, parser, file);
            values.add(parser.getLongValue());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static int[] toInts(long[] values, String where, String file) throws ModelFormatException {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] > Integer.MAX_VALUE) {
                throw new ModelFormatException(file + ": expected dimensions below 2^31 in " + where + ", got "
                        + Arrays.toString(values));
            }
            ints[i] = (int) values[i];
        }
        return ints;
    }

    private static void expect(boolean condition, String expected, JsonParser parser, String file)
            throws IOException {
        if (!condition) {
            throw new ModelFormatException(file + ": expected " + expected + " in the header, got "
                    + Json.found(parser));
        }
    }

    /**
     * Checks every tensor: dtype F32, an element count that fits an array and matches its byte
     * range, and ranges that cover the {@code dataBytes}-byte buffer with no gap or overlap.
     *
     * @throws ModelFormatException naming the first tensor that breaks a rule
     */
    void checkLayout(long dataBytes, String file) throws ModelFormatException {
        for (Entry entry : tensors.values()) {
            String where = file + ": tensor '" + entry.name() + "'";
            if (!entry.dtype().equals(F32)) {
                throw new ModelFormatException(where + " has dtype " + entry.dtype()
                        + "; expected F32, the only dtype this version reads");
            }
            long elements = elements(entry, where);
            long span = entry.end() - entry.begin();
            if (entry.end() < entry.begin() || span != elements * Float.BYTES) {
                throw new ModelFormatException(where + " has shape " + Arrays.toString(entry.shape()) + ", so "
                        + "expected data_offsets spanning " + elements * Float.BYTES + " bytes, got ["
                        + entry.begin() + ", " + entry.end() + "]");
            }
            if (entry.end() > dataBytes) {
                throw new ModelFormatException(where + ": expected data_offsets within the " + dataBytes
                        + "-byte data buffer, got [" + entry.begin() + ", " + entry.end() + "]");
            }
        }
        checkTiling(dataBytes, file);
    }

    private static long elements(Entry entry, String where) throws ModelFormatException {
        long count = 1;
        for (int dim : entry.shape()) {
            count *= dim;
            if (count > MAX_ELEMENTS) {
                throw new ModelFormatException(where + ": expected at most " + MAX_ELEMENTS
                        + " elements (a Java array), got shape " + Arrays.toString(entry.shape()));
            }
        }
        return count;
    }

    private void checkTiling(long dataBytes, String file) throws ModelFormatException {
        List<Entry> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long position = 0;
        Entry previous = null;
        for (Entry entry : byOffset) {
            if (entry.begin() < position) {
                throw new ModelFormatException(file + ": tensor '" + entry.name() + "' at data bytes ["
                        + entry.begin() + ", " + entry.end() + "] overlaps tensor '" + previous.name() + "' at ["
                        + previous.begin() + ", " + previous.end() + "]");
            }
            if (entry.begin() > position) {
                throw new ModelFormatException(file + ": expected the next tensor to start at data byte "
                        + position + ", got a gap: tensor '" + entry.name() + "' starts at " + entry.begin());
            }
            position = entry.end();
            previous = entry;
        }
        if (position != dataBytes) {
            throw new ModelFormatException(file + ": expected the tensors to cover the " + dataBytes
                    + "-byte data buffer, got " + (dataBytes - position) + " bytes after the last tensor");
        }
    }
}
