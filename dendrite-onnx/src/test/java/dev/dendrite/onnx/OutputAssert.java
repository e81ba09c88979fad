package dev.dendrite.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dendrite.tensor.Tensor;
import java.util.Arrays;

/** Compares a runtime's output with Dendrite's, relative to the output's scale. */
final class OutputAssert {
    /** The bound: differences within 1e-5 of the largest expected magnitude. */
    static final double RELATIVE = 1e-5;

    private OutputAssert() {
    }

    /**
     * Fails unless the shapes agree and every element is within {@code RELATIVE * scale}, the scale
     * being the largest |expected| (at least the smallest normal float, so all-zero outputs compare exactly).
     */
    static void assertMatches(Tensor expected, Tensor actual, String context) {
        assertArrayEquals(expected.shape().dims(), actual.shape().dims(), context + ": output shape "
                + expected.shape() + " vs " + actual.shape());
        float[] e = expected.data();
        float[] a = actual.data();
        double scale = Float.MIN_NORMAL;
        for (float value : e) {
            scale = Math.max(scale, Math.abs(value));
        }
        double bound = RELATIVE * scale;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs((double) e[i] - a[i]) <= bound)) {
                fail(context + ": element " + i + " of " + Arrays.toString(expected.shape().dims()) + ": expected "
                        + e[i] + ", got " + a[i] + " (bound " + bound + ", scale " + scale + ")");
            }
        }
    }
}
