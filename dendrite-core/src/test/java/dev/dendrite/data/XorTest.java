package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XorTest {
    @Test
    void theFourCorners() {
        Dataset xor = Xor.generate();
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, xor.features().toArray());
        assertArrayEquals(new float[] {0, 1, 1, 0}, xor.targets().toArray());
        assertEquals(2, xor.numClasses());
    }

    @Test
    void noisySamplesStayNearTheirCornerAndKeepItsClass() {
        Dataset xor = Xor.generate(25, 0.1, 3);
        assertArrayEquals(new int[] {100, 2}, xor.features().shape().dims());
        assertArrayEquals(new int[] {50, 50}, xor.classCounts());
        for (int row = 0; row < 100; row++) {
            double x = xor.features().get(row, 0);
            double y = xor.features().get(row, 1);
            int cornerX = (int) Math.round(x);
            int cornerY = (int) Math.round(y);
            assertEquals(row / 25, cornerX * 2 + cornerY, "row " + row + " near its corner");
            assertEquals(cornerX ^ cornerY, xor.targets().get(row), 0f);
        }
    }

    @Test
    void seedDecidesTheNoise() {
        float[] first = Xor.generate(10, 0.1, 1).features().toArray();
        assertArrayEquals(first, Xor.generate(10, 0.1, 1).features().toArray());
        assertFalse(Arrays.equals(first, Xor.generate(10, 0.1, 2).features().toArray()));
        assertThrows(IllegalArgumentException.class, () -> Xor.generate(0, 0.1, 1));
    }
}
