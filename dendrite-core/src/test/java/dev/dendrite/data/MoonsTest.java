package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MoonsTest {
    @Test
    void noiselessPointsLieOnTheTwoHalfCircles() {
        Dataset moons = Moons.generate(101, 0, 0);
        assertArrayEquals(new int[] {101, 2}, moons.features().shape().dims());
        assertArrayEquals(new int[] {50, 51}, moons.classCounts());
        for (int row = 0; row < 101; row++) {
            double x = moons.features().get(row, 0);
            double y = moons.features().get(row, 1);
            if (moons.targets().get(row) == 0) {
                assertEquals(1, Math.hypot(x, y), 1e-6, "outer moon, row " + row);
                assertTrue(y >= -1e-6);
            } else {
                assertEquals(1, Math.hypot(x - 1, y - 0.5), 1e-6, "inner moon, row " + row);
                assertTrue(y <= 0.5 + 1e-6);
            }
        }
        // scikit-learn's end points: (1, 0) and (-1, 0) outside, (0, 0.5) and (2, 0.5) inside.
        assertArrayEquals(new float[] {1, 0}, new float[] {moons.features().get(0, 0), moons.features().get(0, 1)}, 1e-6f);
        assertArrayEquals(new float[] {-1, 0}, new float[] {moons.features().get(49, 0), moons.features().get(49, 1)}, 1e-6f);
        assertArrayEquals(new float[] {0, 0.5f}, new float[] {moons.features().get(50, 0), moons.features().get(50, 1)}, 1e-6f);
        assertArrayEquals(new float[] {2, 0.5f}, new float[] {moons.features().get(100, 0), moons.features().get(100, 1)}, 1e-6f);
    }

    @Test
    void seedDecidesTheNoise() {
        float[] first = Moons.generate(60, 0.1, 4).features().toArray();
        assertArrayEquals(first, Moons.generate(60, 0.1, 4).features().toArray());
        assertFalse(Arrays.equals(first, Moons.generate(60, 0.1, 5).features().toArray()));
        assertFalse(Arrays.equals(first, Moons.generate(60, 0, 4).features().toArray()));
        assertThrows(IllegalArgumentException.class, () -> Moons.generate(0, 0.1, 4));
    }
}
