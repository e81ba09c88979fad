package dev.dendrite.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict JSON settings shared by the header and architecture readers, and the architecture's
 * reader and writer. Duplicate keys are errors (a second {@code "layers.0.weight"} must not silently
 * replace the first), as is anything after the top-level value. Stateless and thread-safe.
 */
final class Json {
    /** The deepest nesting a valid header or architecture has is 3; this leaves room without risk. */
    private static final int MAX_DEPTH = 32;
    /**
     * Far more layers than any Sequential has; the cap keeps a hostile architecture of millions of
     * tiny layers from costing gigabytes of objects.
     */
    static final int MAX_LAYERS = 100_000;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private Json() {
    }

    /** The layers as a compact JSON array, {@code [{"type":"dense","in":2,"out":3},{"type":"relu"}]}. */
    static String write(List<LayerSpec> layers) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartArray();
            for (LayerSpec layer : layers) {
                writeLayer(generator, layer);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** One layer as a compact JSON object. */
    static String write(LayerSpec layer) {
        String array = write(List.of(layer));
        return array.substring(1, array.length() - 1);
    }

    private static void writeLayer(JsonGenerator generator, LayerSpec layer) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("type", layer.type());
        for (Map.Entry<String, Object> field : layer.fields().entrySet()) {
            generator.writeFieldName(field.getKey());
            Object value = field.getValue();
            if (value instanceof BigDecimal number) {
                generator.writeNumber(number);
            } else if (value instanceof Boolean flag) {
                generator.writeBoolean(flag);
            } else {
                generator.writeString((String) value);
            }
        }
        generator.writeEndObject();
    }

    /**
     * Reads a JSON array of layer objects.
     *
     * @throws IllegalArgumentException if the text is not such an array; the message says where
     */
    static List<LayerSpec> readLayers(String json) {
        List<LayerSpec> layers = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            expect(parser.nextToken() == JsonToken.START_ARRAY, "a JSON array of layers", parser);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                expect(token == JsonToken.START_OBJECT, "a layer object such as {\"type\":\"relu\"}", parser);
                if (layers.size() == MAX_LAYERS) {
                    throw Validate.fail("architecture", "at most " + MAX_LAYERS + " layers", "more");
                }
                layers.add(readLayer(parser, "layers." + layers.size()));
            }
            expect(parser.nextToken() == null, "nothing after the closing ']'", parser);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("architecture: expected valid JSON, got " + problem(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String does not fail", e);
        }
        return layers;
    }

    private static LayerSpec readLayer(JsonParser parser, String path) throws IOException {
        String type = null;
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("type")) {
                expect(value == JsonToken.VALUE_STRING, "a string for " + path + " 'type'", parser);
                type = parser.getText();
            } else if (value == JsonToken.VALUE_STRING) {
                fields.put(name, parser.getText());
            } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                fields.put(name, parser.getDecimalValue());
            } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                fields.put(name, value == JsonToken.VALUE_TRUE);
            } else {
                expect(false, "a number, string or boolean for " + path + " '" + name + "'", parser);
            }
        }
        if (type == null) {
            throw Validate.fail("architecture", "a 'type' in " + path, "fields " + fields.keySet());
        }
        return new LayerSpec(type, fields);
    }

    private static void expect(boolean condition, String expected, JsonParser parser) throws IOException {
        if (!condition) {
            throw Validate.fail("architecture", expected, found(parser));
        }
    }

    /** How the current token reads in a message, with where it starts: {@code "F16" at character 42}. */
    static String found(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the text";
        }
        return describe(token, parser) + " at character " + parser.currentTokenLocation().getCharOffset();
    }

    private static String describe(JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "'}'";
            case END_ARRAY -> "']'";
            case VALUE_STRING -> "\"" + shorten(parser.getText()) + "\"";
            default -> shorten(parser.getText());
        };
    }

    /** A JSON parse error as one line: the parser's own words and the character where it happened. */
    static String problem(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset();
        return shorten(String.valueOf(e.getOriginalMessage()).replace('\n', ' ')) + where;
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
