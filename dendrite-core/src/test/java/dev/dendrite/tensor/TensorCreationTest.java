package dev.dendrite.tensor;

import static dev.dendrite.testing.TensorAssert.assertClose;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorCreationTest {
    @Test
    void zerosOnesAndFullFillEveryElement() {
        assertValues(new float[6], new int[] {2, 3}, Tensor.zeros(2, 3));
        assertValues(new float[] {1, 1, 1, 1}, new int[] {4}, Tensor.ones(4));
        assertValues(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, new int[] {3, 1, 2}, Tensor.full(2.5f, 3, 1, 2));
        assertValues(new float[] {7f}, new int[] {}, Tensor.full(7f));
        assertValues(new float[0], new int[] {2, 0, 3}, Tensor.ones(2, 0, 3));
        assertFalse(Tensor.zeros(2).requiresGrad());
    }

    @Test
    void negativeDimensionsAreRejected() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(2, -1), "[2, -1]");
    }

    @Test
    void scalarHasRankZeroAndOneElement() {
        Tensor s = Tensor.scalar(3.5f);
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(3.5f, s.item());
        assertEquals(3.5f, s.get());
    }

    @Test
    void vectorAndMatrixCopyTheirArguments() {
        float[] values = {1, 2, 3};
        Tensor v = Tensor.vector(values);
        values[0] = 100;
        assertValues(new float[] {1, 2, 3}, new int[] {3}, v);

        float[] row = {1, 2};
        Tensor m = Tensor.matrix(row, new float[] {3, 4}, new float[] {5, 6});
        row[1] = 100;
        assertValues(new float[] {1, 2, 3, 4, 5, 6}, new int[] {3, 2}, m);
        assertEquals(4f, m.get(1, 1));
        assertValues(new float[0], new int[] {0, 0}, Tensor.matrix());
    }

    @Test
    void matrixRejectsRaggedRows() {
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.matrix(new float[] {1, 2}, new float[] {3}), "Tensor.matrix", "row 1");
    }

    @Test
    void ofCopiesButWrapShares() {
        float[] data = {1, 2, 3, 4};
        Tensor copied = Tensor.of(data, 2, 2);
        Tensor shared = Tensor.wrap(data, 2, 2);
        data[3] = 9;
        assertEquals(4f, copied.get(1, 1));
        assertEquals(9f, shared.get(1, 1));
        assertTrue(shared.data() == data, "wrap keeps the caller's array");
        shared.data()[0] = -1;
        assertEquals(-1f, data[0], "data() is the live array");
        float[] copy = shared.toArray();
        copy[0] = 5;
        assertEquals(-1f, shared.get(0, 0), "toArray() is a copy");
    }

    @Test
    void wrapRejectsAnArrayOfTheWrongLength() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3), "6", "5");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3), "6", "5");
    }

    @Test
    void copyIsIndependentAndHasNoHistory() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor y = x.mul(2f);
        Tensor c = y.copy();
        c.data()[0] = 42;
        assertEquals(2f, y.get(0));
        assertFalse(c.requiresGrad());
        assertEquals(null, c.creator());
    }

    @Test
    void arangeCountsUpToButExcludingTheEnd() {
        assertValues(new float[] {0, 1, 2, 3, 4}, new int[] {5}, Tensor.arange(5));
        assertValues(new float[0], new int[] {0}, Tensor.arange(0));
        assertValues(new float[] {2, 4, 6}, new int[] {3}, Tensor.arange(2, 7, 2));
        assertValues(new float[] {5, 4, 3, 2, 1}, new int[] {5}, Tensor.arange(5, 0, -1));
        assertValues(new float[0], new int[] {0}, Tensor.arange(3, 3, 1));
        assertValues(new float[0], new int[] {0}, Tensor.arange(5, 0, 1));
        assertValues(new float[0], new int[] {0}, Tensor.arange(0, 5, -1));
    }

    @Test
    void arangeWithFractionalStepsMatchesNumPyCounts() {
        assertClose(new double[] {0, 0.25, 0.5, 0.75}, new int[] {4}, Tensor.arange(0f, 1f, 0.25f), 1e-7);
        assertClose(new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, new int[] {10},
                Tensor.arange(0f, 1f, 0.1f), 1e-6);
        assertClose(new double[] {1, 1.5, 2, 2.5}, new int[] {4}, Tensor.arange(1f, 2.6f, 0.5f), 1e-7);
        assertClose(new double[] {-1, -1.5}, new int[] {2}, Tensor.arange(-1f, -2f, -0.5f), 1e-7);
        // The count (end - start) / step is taken in float, so an end that is a multiple of the step stays excluded.
        assertClose(new double[] {0, 0.1, 0.2}, new int[] {3}, Tensor.arange(0f, 0.3f, 0.1f), 1e-6);
        assertClose(new double[] {0, 0.4, 0.8}, new int[] {3}, Tensor.arange(0f, 1.2f, 0.4f), 1e-6);
    }

    @Test
    void arangeRejectsAZeroOrNonFiniteStep() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.arange(0, 1, 0), "arange", "step");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.arange(0, 1, Float.NaN), "arange");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.arange(0, 1, Float.POSITIVE_INFINITY), "arange");
    }

    @Test
    void arangeRejectsNonFiniteBoundsAndImpossibleCounts() {
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.arange(0, Float.POSITIVE_INFINITY, 1), "arange", "end = Infinity");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.arange(Float.NaN, 5, 1), "arange",
                "start = NaN");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.arange(0, 3e9f, 1), "arange",
                "step = 1.0");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.arange(-3e38f, 3e38f, 1e-3f), "arange");
    }

    @Test
    void integerArangeKeepsCountsAboveTwoToTheTwentyFour() {
        int n = (1 << 24) + 3;
        Tensor t = Tensor.arange(n);
        assertEquals(n, t.size(), "a count above 2^24 must not be rounded through a float");
        assertEquals(1 << 24, t.data()[1 << 24]);
        assertValues(new float[0], new int[] {0}, Tensor.arange(-2));
    }

    @Test
    void uniformIsDeterministicForASeed() {
        Tensor a = Tensor.uniform(42L, -1f, 1f, 3, 4);
        Tensor b = Tensor.uniform(42L, -1f, 1f, 3, 4);
        Tensor c = Tensor.uniform(43L, -1f, 1f, 3, 4);
        assertArrayEquals(a.data(), b.data());
        assertFalse(Arrays.equals(a.data(), c.data()));
        assertArrayEquals(a.data(), Tensor.uniform(new Random(42L), -1f, 1f, 3, 4).data());
        assertArrayEquals(new int[] {3, 4}, a.shape().dims());
    }

    @Test
    void uniformHasTheRightRangeAndMoments() {
        Tensor t = Tensor.uniform(7L, 2f, 5f, 10_000);
        double[] moments = moments(t.data());
        for (float v : t.data()) {
            assertTrue(v >= 2f && v < 5f, "value " + v + " outside [2, 5)");
        }
        assertEquals(3.5, moments[0], 0.05);
        assertEquals(3 / Math.sqrt(12), moments[1], 0.03);
        assertEquals(2.0, moments[2], 0.01, "the minimum is near the low end");
        assertEquals(5.0, moments[3], 0.01, "the maximum is near the high end");
    }

    @Test
    void normalIsDeterministicAndHasTheRightMoments() {
        Tensor a = Tensor.normal(11L, 1.5f, 2f, 100, 100);
        assertArrayEquals(a.data(), Tensor.normal(11L, 1.5f, 2f, 100, 100).data());
        assertNotEquals(a.data()[0], Tensor.normal(12L, 1.5f, 2f, 100, 100).data()[0]);
        double[] moments = moments(a.data());
        assertEquals(1.5, moments[0], 0.06);
        assertEquals(2.0, moments[1], 0.06);
    }

    @Test
    void aSharedRandomAdvancesBetweenCalls() {
        Random random = new Random(5);
        Tensor first = Tensor.normal(random, 0f, 1f, 8);
        Tensor second = Tensor.normal(random, 0f, 1f, 8);
        assertFalse(Arrays.equals(first.data(), second.data()));
    }

    /** Mean, population standard deviation, minimum and maximum. */
    private static double[] moments(float[] values) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(squares / values.length), min, max};
    }
}
