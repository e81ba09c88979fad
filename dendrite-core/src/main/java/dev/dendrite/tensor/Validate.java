package dev.dendrite.tensor;

import java.util.Arrays;

/**
 * Produces every argument and state error in Dendrite, so messages read the same everywhere:
 * {@code <op or layer>: expected <what>, got <what>[. <fix>]}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Validate {
    private Validate() {
    }

    /** Throws {@link IllegalArgumentException} with the standard wording unless {@code condition} holds. */
    public static void argument(boolean condition, String op, String expected, Object got) {
        if (!condition) {
            throw new IllegalArgumentException(message(op, expected, got));
        }
    }

    /** Throws {@link IllegalStateException} with the standard wording unless {@code condition} holds. */
    public static void state(boolean condition, String op, String expected, Object got) {
        if (!condition) {
            throw new IllegalStateException(message(op, expected, got));
        }
    }

    /** The standard wording: {@code op: expected what, got what}. */
    public static String message(String op, String expected, Object got) {
        return op + ": expected " + expected + ", got " + describe(got);
    }

    /** Writes arrays the way shapes are written in messages, {@code [2, 3]}. */
    static String describe(Object value) {
        if (value instanceof int[]) {
            return Arrays.toString((int[]) value);
        }
        return String.valueOf(value);
    }

    /** Checks that a hyperparameter is finite and strictly positive. */
    public static void positive(double value, String op, String name) {
        argument(value > 0 && Double.isFinite(value), op, name + " > 0", name + " = " + value);
    }

    /** Checks that a hyperparameter is finite and at least zero. */
    public static void nonNegative(double value, String op, String name) {
        argument(value >= 0 && Double.isFinite(value), op, name + " >= 0", name + " = " + value);
    }
}
