package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpiralTest {
    @Test
    void shapesAndBalancedClasses() {
        Dataset spiral = Spiral.generate(3, 100, 0.2, 0);
        assertArrayEquals(new int[] {300, 2}, spiral.features().shape().dims());
        assertArrayEquals(new int[] {300}, spiral.targets().shape().dims());
        assertEquals(3, spiral.numClasses());
        assertArrayEquals(new int[] {100, 100, 100}, spiral.classCounts());
        assertEquals("spiral", spiral.name());
    }

    @Test
    void noiselessPointsFollowTheFormula() {
        Dataset spiral = Spiral.generate(3, 5, 0, 0);
        // Class 2, point 3 of 5: r = 0.75, theta = 4 * 2 + 4 * 0.75 = 11.
        int row = 2 * 5 + 3;
        assertEquals(0.75 * Math.sin(11), spiral.features().get(row, 0), 1e-6);
        assertEquals(0.75 * Math.cos(11), spiral.features().get(row, 1), 1e-6);
        assertEquals(2f, spiral.targets().get(row));
    }

    @Test
    void radiiRunFromZeroToOneWhateverTheNoise() {
        Dataset spiral = Spiral.generate(4, 50, 0.5, 9);
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 50; i++) {
                int row = k * 50 + i;
                double x = spiral.features().get(row, 0);
                double y = spiral.features().get(row, 1);
                assertEquals(i / 49.0, Math.hypot(x, y), 1e-6, "radius of row " + row);
            }
        }
    }

    @Test
    void seedDecidesTheNoise() {
        float[] first = Spiral.generate(3, 40, 0.2, 5).features().toArray();
        assertArrayEquals(first, Spiral.generate(3, 40, 0.2, 5).features().toArray());
        assertFalse(Arrays.equals(first, Spiral.generate(3, 40, 0.2, 6).features().toArray()));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Spiral.generate(0, 10, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> Spiral.generate(3, 0, 0.2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spiral.generate(3, 10, -1, 0));
        assertTrue(e.getMessage().startsWith("Spiral: expected noise >= 0"), e.getMessage());
    }
}
