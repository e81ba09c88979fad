package dev.dendrite.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/**
 * Assertions on tensors whose failure messages say enough to debug without a debugger: both
 * shapes, the first differing element as a multi-index, and both values.
 *
 * <p>Closeness is {@code |actual - expected| <= tolerance * (1 + |expected|)}, an absolute
 * tolerance near zero that becomes relative for large values. NaN matches NaN and an infinity
 * matches the same infinity, so reference loops can be compared on any input. Stateless.
 */
public final class TensorAssert {
    private TensorAssert() {
    }

    /** Asserts equal shapes and element-wise closeness. */
    public static void assertClose(Tensor expected, Tensor actual, double tolerance) {
        double[] values = new double[expected.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = expected.data()[i];
        }
        assertClose(values, expected.shape().dims(), actual, tolerance, "");
    }

    /** Asserts that {@code actual} has shape {@code expectedDims} and elements close to {@code expected}. */
    public static void assertClose(double[] expected, int[] expectedDims, Tensor actual, double tolerance) {
        assertClose(expected, expectedDims, actual, tolerance, "");
    }

    /** As {@link #assertClose(double[], int[], Tensor, double)}, with {@code context} leading the message. */
    public static void assertClose(double[] expected, int[] expectedDims, Tensor actual, double tolerance,
                                   String context) {
        String prefix = context.isEmpty() ? "" : context + ": ";
        int[] actualDims = actual.shape().dims();
        if (!Arrays.equals(expectedDims, actualDims)) {
            fail(prefix + "expected shape " + Arrays.toString(expectedDims) + ", got " + Arrays.toString(actualDims));
        }
        if (expected.length != actual.size()) {
            fail(prefix + "expected " + expected.length + " values for shape " + Arrays.toString(expectedDims)
                    + ", got " + actual.size());
        }
        float[] data = actual.data();
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], data[i], tolerance)) {
                fail(prefix + "shapes " + Arrays.toString(expectedDims) + " (expected) and "
                        + Arrays.toString(actualDims) + " (actual) first differ at index "
                        + Arrays.toString(RandomShapes.unravel(i, actualDims)) + " (flat " + i + "): expected "
                        + expected[i] + ", got " + data[i] + " (tolerance " + tolerance + ")");
            }
        }
    }

    /** Asserts that {@code actual} holds exactly {@code expected} under {@code dims}. */
    public static void assertValues(float[] expected, int[] dims, Tensor actual) {
        assertValues(expected, dims, actual, "");
    }

    /** As {@link #assertValues(float[], int[], Tensor)}, with {@code context} leading the message. */
    public static void assertValues(float[] expected, int[] dims, Tensor actual, String context) {
        double[] values = new double[expected.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = expected[i];
        }
        assertClose(values, dims, actual, 0, context);
    }

    /** Whether {@code actual} is within tolerance of {@code expected} (NaN matches NaN). */
    public static boolean close(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= tolerance * (1 + Math.abs(expected));
    }

    /**
     * Runs the standard {@link GradientCheck} on {@code function} and fails with its description
     * of the first mismatching element.
     */
    public static void assertGradientsMatch(Function<Tensor[], Tensor> function, Tensor... inputs) {
        String mismatch = GradientCheck.standard().check(function, inputs);
        if (mismatch != null) {
            fail("gradient check failed: " + mismatch);
        }
    }

    /**
     * Asserts that {@code executable} throws {@code type} with a message containing every one of
     * {@code fragments} (such as both shapes, {@code "[2, 3]"} and {@code "[4, 5]"}); returns it.
     */
    public static <T extends Throwable> T assertThrowsMentioning(Class<T> type, Executable executable,
                                                                 String... fragments) {
        T thrown = assertThrows(type, executable);
        String message = String.valueOf(thrown.getMessage());
        for (String fragment : fragments) {
            if (!message.contains(fragment)) {
                fail("expected the message to mention \"" + fragment + "\", got: " + message);
            }
        }
        return thrown;
    }
}
