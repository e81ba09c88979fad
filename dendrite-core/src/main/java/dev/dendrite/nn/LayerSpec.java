package dev.dendrite.nn;

import dev.dendrite.tensor.Validate;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One layer of an architecture without its weights: a type name such as {@code dense} or
 * {@code leaky_relu} and its hyperparameters, as written in a model file,
 * {@code {"type":"dense","in":784,"out":256}}.
 *
 * <p>Field values are {@link BigDecimal} (every number, kept exact so a float hyperparameter
 * written as {@code 0.01} reads back as the same float), {@link String} or {@link Boolean}.
 * Immutable: {@code with} returns a new spec. Two specs are equal when their types and fields are.
 *
 * @param type   the registered layer type name
 * @param fields the hyperparameters by name, in writing order (without {@code type})
 */
public record LayerSpec(String type, Map<String, Object> fields) {
    /** Checks the type name and the field values, and copies the fields. */
    public LayerSpec {
        Objects.requireNonNull(type, "type");
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            Validate.argument(!name.equals("type"), "layer '" + type + "'", "a field name other than 'type'",
                    "'type' as a hyperparameter");
            copy.put(name, normalise(type, name, value));
        });
        fields = Collections.unmodifiableMap(copy);
    }

    /** A spec of {@code type} with no hyperparameters. */
    public static LayerSpec of(String type) {
        return new LayerSpec(type, Map.of());
    }

    /** This spec with field {@code name} set to an integer. */
    public LayerSpec with(String name, int value) {
        return withValue(name, BigDecimal.valueOf(value));
    }

    /** This spec with field {@code name} set to a finite float, recorded by its shortest decimal form. */
    public LayerSpec with(String name, float value) {
        Validate.argument(Float.isFinite(value), "layer '" + type + "'", "a finite value for '" + name + "'", value);
        return withValue(name, new BigDecimal(Float.toString(value)));
    }

    /** This spec with field {@code name} set to a boolean. */
    public LayerSpec with(String name, boolean value) {
        return withValue(name, value);
    }

    /** This spec with field {@code name} set to a string. */
    public LayerSpec with(String name, String value) {
        return withValue(name, value);
    }

    private LayerSpec withValue(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return new LayerSpec(type, copy);
    }

    /**
     * The integer field {@code name}.
     *
     * @throws IllegalArgumentException if it is missing, not a number, fractional or outside the int range
     */
    public int integer(String name) {
        Object value = require(name);
        if (value instanceof BigDecimal number) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                // falls through to the error below: fractional or out of range
            }
        }
        throw new IllegalArgumentException(message("an integer for '" + name + "'", value));
    }

    /**
     * The integer field {@code name}, which must be at least 1.
     *
     * @throws IllegalArgumentException if it is missing, not an integer, or below 1
     */
    public int positiveInteger(String name) {
        int value = integer(name);
        Validate.argument(value > 0, "layer '" + type + "'", "'" + name + "' > 0", value);
        return value;
    }

    /** The integer field {@code name}, or {@code fallback} when the spec does not have it. */
    public int integer(String name, int fallback) {
        return fields.containsKey(name) ? integer(name) : fallback;
    }

    /**
     * The number field {@code name} as the nearest float.
     *
     * @throws IllegalArgumentException if it is missing, not a number, or too large for a float
     */
    public float real(String name) {
        Object value = require(name);
        if (value instanceof BigDecimal number && Float.isFinite(number.floatValue())) {
            return number.floatValue();
        }
        throw new IllegalArgumentException(message("a finite number for '" + name + "'", value));
    }

    /** The number field {@code name}, or {@code fallback} when the spec does not have it. */
    public float real(String name, float fallback) {
        return fields.containsKey(name) ? real(name) : fallback;
    }

    /** The boolean field {@code name}, or {@code fallback} when the spec does not have it. */
    public boolean flag(String name, boolean fallback) {
        if (!fields.containsKey(name)) {
            return fallback;
        }
        Object value = fields.get(name);
        Validate.argument(value instanceof Boolean, "layer '" + type + "'", "true or false for '" + name + "'",
                describe(value));
        return (Boolean) value;
    }

    /** The string field {@code name}, or {@code fallback} when the spec does not have it. */
    public String text(String name, String fallback) {
        if (!fields.containsKey(name)) {
            return fallback;
        }
        Object value = fields.get(name);
        Validate.argument(value instanceof String, "layer '" + type + "'", "a string for '" + name + "'",
                describe(value));
        return (String) value;
    }

    private Object require(String name) {
        Validate.argument(fields.containsKey(name), "layer '" + type + "'", "a field '" + name + "'",
                "fields " + fields.keySet());
        return fields.get(name);
    }

    private String message(String expected, Object value) {
        return Validate.message("layer '" + type + "'", expected, describe(value));
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static Object normalise(String type, String name, Object value) {
        if (value instanceof BigDecimal || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Float number && Float.isFinite(number)) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof Double number && Double.isFinite(number)) {
            return new BigDecimal(number.toString());
        }
        throw Validate.fail("layer '" + type + "'",
                "a finite number, string or boolean for '" + name + "'", describe(value));
    }

    /** The spec as written in a file, {@code {"type":"dense","in":784,"out":256}}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{\"type\":");
        quote(type, out);
        fields.forEach((name, value) -> {
            out.append(',');
            quote(name, out);
            out.append(':');
            if (value instanceof String text) {
                quote(text, out);
            } else {
                out.append(value);
            }
        });
        return out.append('}').toString();
    }

    // JSON string escaping: quotes, backslashes and control characters.
    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
