package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageShiftTest {
    /** A 1-channel 3×4 image holding 1..12 row by row. */
    private static float[] counting() {
        float[] image = new float[12];
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
        }
        return image;
    }

    private static float[] shifted(float[] image, int[] shape, int dy, int dx) {
        float[] data = image.clone();
        new ImageShift(Math.max(Math.abs(dy), Math.abs(dx)), shape).shift(data, 0, dy, dx, new float[data.length]);
        return data;
    }

    @Test
    void aHandWorkedShiftMovesPixelsAndFillsWithZeros() {
        int[] shape = {1, 3, 4};
        // 1  2  3  4         0  0  0  0
        // 5  6  7  8   dy=1  0  1  2  3
        // 9 10 11 12   dx=1  0  5  6  7
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 3, 0, 5, 6, 7}, shifted(counting(), shape, 1, 1));
        // dy=-1, dx=-2: up one row, left two columns.
        assertArrayEquals(new float[] {7, 8, 0, 0, 11, 12, 0, 0, 0, 0, 0, 0}, shifted(counting(), shape, -1, -2));
        assertArrayEquals(counting(), shifted(counting(), shape, 0, 0));
    }

    @Test
    void everyChannelMovesTogether() {
        // Two 2×2 channels [1 2; 3 4] and [5 6; 7 8], moved right by one.
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new float[] {0, 1, 0, 3, 0, 5, 0, 7}, shifted(image, new int[] {2, 2, 2}, 0, 1));
    }

    @Test
    void eachRowGetsOneShiftWithinRangeAndAllShiftsOccur() {
        int[] shape = {1, 3, 4};
        int rows = 400;
        float[] data = new float[rows * 12];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(counting(), 0, data, row * 12, 12);
        }
        Tensor batch = Tensor.wrap(data.clone(), rows, 1, 3, 4);
        new ImageShift(1, shape).apply(batch, new Random(7));
        Set<String> seen = new HashSet<>();
        for (int row = 0; row < rows; row++) {
            float[] got = Arrays.copyOfRange(batch.data(), row * 12, row * 12 + 12);
            String match = null;
            for (int dy = -1; dy <= 1 && match == null; dy++) {
                for (int dx = -1; dx <= 1 && match == null; dx++) {
                    if (Arrays.equals(got, shifted(counting(), shape, dy, dx))) {
                        match = dy + "," + dx;
                    }
                }
            }
            assertTrue(match != null, "row " + row + " is the image shifted by at most 1: " + Arrays.toString(got));
            seen.add(match);
        }
        assertEquals(9, seen.size(), "all nine shifts of -1..1 occur in 400 rows");
    }

    @Test
    void theSameGeneratorGivesTheSameShiftsAndFlatRowsWork() {
        float[] data = new float[5 * 12];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 12 + 1;
        }
        Tensor flat = Tensor.wrap(data.clone(), 5, 12);
        Tensor images = Tensor.wrap(data.clone(), 5, 1, 3, 4);
        ImageShift shift = new ImageShift(2, new int[] {1, 3, 4});
        shift.apply(flat, new Random(3));
        shift.apply(images, new Random(3));
        assertArrayEquals(images.data(), flat.data());
        assertArrayEquals(new int[] {5, 12}, flat.shape().dims(), "the shape is kept");
        assertFalse(Arrays.equals(data, flat.data()), "something moved");
    }

    @Test
    void badShapesAndShiftsAreRefusedWithBothSides() {
        IllegalArgumentException tooFar = assertThrows(IllegalArgumentException.class,
                () -> new ImageShift(3, new int[] {1, 3, 4}));
        assertTrue(tooFar.getMessage().contains("0 to 2") && tooFar.getMessage().contains("3"), tooFar.getMessage());
        IllegalArgumentException noImage = assertThrows(IllegalArgumentException.class, () -> new ImageShift(1, null));
        assertTrue(noImage.getMessage().contains("[C, H, W]"), noImage.getMessage());
        IllegalArgumentException wrongRows = assertThrows(IllegalArgumentException.class,
                () -> new ImageShift(1, new int[] {1, 3, 4}).apply(Tensor.zeros(2, 10), new Random(1)));
        assertTrue(wrongRows.getMessage().contains("12 values") && wrongRows.getMessage().contains("[2, 10]"),
                wrongRows.getMessage());
    }
}
