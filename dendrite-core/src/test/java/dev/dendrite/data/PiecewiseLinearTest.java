package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PiecewiseLinearTest {
    @Test
    void valuesAtTheKnots() {
        double[] xs = {-100, -50, -25, 0, 25, 50, 75, 100};
        double[] expected = {0, 0, 0.5, 1, 1, 1, 0.5, 0};
        for (int i = 0; i < xs.length; i++) {
            assertEquals(expected[i], PiecewiseLinear.value(xs[i]), 1e-12, "f(" + xs[i] + ")");
        }
        assertEquals(0.02, PiecewiseLinear.value(-49), 1e-12);
        assertEquals(0.98, PiecewiseLinear.value(51), 1e-12);
    }

    @Test
    void trainingSetIsLinspaceOverMinus100To100() {
        Dataset train = PiecewiseLinear.train();
        assertArrayEquals(new int[] {2000, 1}, train.features().shape().dims());
        assertArrayEquals(new int[] {2000, 1}, train.targets().shape().dims());
        assertEquals(0, train.numClasses());
        assertEquals(-100f, train.features().get(0, 0));
        assertEquals(100f, train.features().get(1999, 0));
        // numpy.linspace(-100, 100, 2000)[1] = -100 + 200 / 1999
        assertEquals(-100 + 200.0 / 1999, train.features().get(1, 0), 1e-5);
        for (int row = 0; row < 2000; row++) {
            float x = train.features().get(row, 0);
            assertEquals(PiecewiseLinear.value(-100 + row * 200.0 / 1999), train.targets().get(row, 0), 1e-6);
            assertEquals((float) PiecewiseLinear.value(x), train.targets().get(row, 0), 1e-5f);
        }
    }

    @Test
    void testSetIsLinspaceOverMinus95To95() {
        Dataset test = PiecewiseLinear.test();
        assertArrayEquals(new int[] {200, 1}, test.features().shape().dims());
        assertEquals(-95f, test.features().get(0, 0));
        assertEquals(95f, test.features().get(199, 0));
        assertEquals(-95 + 190.0 / 199, test.features().get(1, 0), 1e-5);
        assertEquals(0f, test.targets().get(0, 0));
        assertEquals(0.1f, test.targets().get(199, 0), 1e-6f);
        for (int row = 0; row < 200; row++) {
            assertEquals(PiecewiseLinear.value(-95 + row * 190.0 / 199), test.targets().get(row, 0), 1e-6);
        }
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinear.generate("x", 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinear.generate("x", 5, 1, 0));
    }
}
