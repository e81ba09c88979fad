package dev.dendrite.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a model file keeps its class names: a JSON array of strings, {@code ["setosa","versicolor"]},
 * so that a name holding a newline or a comma stays one name. Files written before kept the names
 * joined by newlines; those still read. Stateless.
 */
final class ClassNames {
    private static final JsonFactory JSON = new JsonFactory();

    private ClassNames() {
    }

    /** The names as a JSON array. */
    static String write(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : ",").append(JsonText.quote(names.get(i)));
        }
        return out.append(']').toString();
    }

    /**
     * The names in {@code text}: a JSON array, or the older newline-joined form.
     *
     * @throws IllegalArgumentException for an array that is not a flat list of strings
     */
    static List<String> read(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        if (!text.startsWith("[")) {
            return Arrays.asList(text.split("\n"));
        }
        List<String> names = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            require(parser.nextToken() == JsonToken.START_ARRAY, text);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                require(token == JsonToken.VALUE_STRING, text);
                names.add(parser.getText());
            }
            require(parser.nextToken() == null, text);
        } catch (IOException e) {
            throw new IllegalArgumentException("class names: expected a JSON array of strings, got '" + text + "'", e);
        }
        return List.copyOf(names);
    }

    private static void require(boolean condition, String text) {
        if (!condition) {
            throw new IllegalArgumentException("class names: expected a JSON array of strings, got '" + text + "'");
        }
    }
}
