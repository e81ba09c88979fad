package dev.dendrite.tensor;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Produces every argument and state error in Dendrite, so messages read the same everywhere:
 * {@code <op or layer>: expected <what>, got <what>[. <fix>]}.
 *
 * <p>Every check comes in an eager form, for messages made of constants, and a lazy form whose
 * {@link Supplier}s run only when the check fails, for hot paths where building the message on
 * every call would cost more than the check (as Guava's {@code Preconditions} take a template and
 * arguments). {@link #fail} throws the same error where the condition is not a single expression:
 * <pre>{@code
 * Validate.argument(a.rank() == 2, "matmul", "a 2-d tensor", a.shape());            // eager
 * Validate.argument(n == m, "add", () -> "shape " + expected, () -> actual);          // lazy
 * default -> throw Validate.fail("schedule", "constant or cosine", "'" + name + "'");
 * }</pre>
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

    /** As {@link #argument(boolean, String, String, Object)}, computing what was found only on failure. */
    public static void argument(boolean condition, String op, String expected, Supplier<?> got) {
        if (!condition) {
            throw new IllegalArgumentException(message(op, expected, got.get()));
        }
    }

    /** As {@link #argument(boolean, String, String, Object)}, building the whole message only on failure. */
    public static void argument(boolean condition, String op, Supplier<String> expected, Supplier<?> got) {
        if (!condition) {
            throw new IllegalArgumentException(message(op, expected.get(), got.get()));
        }
    }

    /**
     * Throws {@link IllegalArgumentException} with the standard wording; declared to return it, so
     * that a caller can write {@code throw Validate.fail(...)} and the compiler sees the branch end.
     */
    public static IllegalArgumentException fail(String op, String expected, Object got) {
        throw new IllegalArgumentException(message(op, expected, got));
    }

    /** Throws {@link IllegalStateException} with the standard wording unless {@code condition} holds. */
    public static void state(boolean condition, String op, String expected, Object got) {
        if (!condition) {
            throw new IllegalStateException(message(op, expected, got));
        }
    }

    /** As {@link #state(boolean, String, String, Object)}, computing what was found only on failure. */
    public static void state(boolean condition, String op, String expected, Supplier<?> got) {
        if (!condition) {
            throw new IllegalStateException(message(op, expected, got.get()));
        }
    }

    /** As {@link #state(boolean, String, String, Object)}, building the whole message only on failure. */
    public static void state(boolean condition, String op, Supplier<String> expected, Supplier<?> got) {
        if (!condition) {
            throw new IllegalStateException(message(op, expected.get(), got.get()));
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
