package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SineTest {
    @Test
    void regressionShapesAndRange() {
        Dataset sine = Sine.generate(500, 0, 11);
        assertArrayEquals(new int[] {500, 1}, sine.features().shape().dims());
        assertArrayEquals(new int[] {500, 1}, sine.targets().shape().dims());
        assertEquals(0, sine.numClasses());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int row = 0; row < 500; row++) {
            double x = sine.features().get(row, 0);
            min = Math.min(min, x);
            max = Math.max(max, x);
            assertTrue(x >= -Math.PI - 1e-6 && x <= Math.PI + 1e-6, "x = " + x);
            assertEquals(Math.sin(x), sine.targets().get(row, 0), 1e-6);
        }
        assertTrue(min < -3 && max > 3, "x should cover [-pi, pi], got [" + min + ", " + max + "]");
    }

    @Test
    void noiseHasTheRequestedSpread() {
        Dataset sine = Sine.generate(4000, 0.1, 2);
        double sumOfSquares = 0;
        for (int row = 0; row < 4000; row++) {
            double residual = sine.targets().get(row, 0) - Math.sin(sine.features().get(row, 0));
            sumOfSquares += residual * residual;
        }
        assertEquals(0.1, Math.sqrt(sumOfSquares / 4000), 0.01);
    }

    @Test
    void seedDecidesTheSamples() {
        float[] first = Sine.generate(50, 0.1, 1).targets().toArray();
        assertArrayEquals(first, Sine.generate(50, 0.1, 1).targets().toArray());
        assertFalse(Arrays.equals(first, Sine.generate(50, 0.1, 2).targets().toArray()));
        assertThrows(IllegalArgumentException.class, () -> Sine.generate(10, Double.NaN, 1));
    }
}
