package dev.dendrite.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the JSON the commands print into maps, lists, strings, doubles and nulls with jackson-core's
 * streaming parser, refusing trailing text, so that a test checks the output is real JSON.
 */
public final class TestJson {
    private TestJson() {
    }

    public static Object parse(String text) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            Object value = value(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new IOException("trailing text after the JSON value: " + text);
            }
            return value;
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) throws IOException {
        return (Map<String, Object>) parse(text);
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("expected a JSON value, got the end of the text");
        }
        switch (token) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            case VALUE_STRING: return parser.getText();
            case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return parser.getDoubleValue();
            case VALUE_TRUE: return true;
            case VALUE_FALSE: return false;
            case VALUE_NULL: return null;
            default: throw new IOException("unexpected " + token);
        }
    }
}
