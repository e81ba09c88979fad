package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OneHotTest {
    @Test
    void encodesEachIndexAsARowWithASingleOne() {
        Tensor rows = OneHot.encode(Tensor.vector(2, 0, 1, 2), 3);
        assertArrayEquals(new int[] {4, 3}, rows.shape().dims());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, rows.toArray());
    }

    @Test
    void encodesADatasetWithItsClassCount() {
        Dataset data = Dataset.classification("d", Tensor.zeros(2, 1), Tensor.vector(0, 1), 4);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 0}, OneHot.encode(data).toArray());
        Dataset regression = Dataset.regression("r", Tensor.zeros(2, 1), Tensor.zeros(2, 1));
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(regression));
    }

    @Test
    void decodeTakesTheLargestEntryAndInvertsEncode() {
        Tensor labels = Tensor.vector(3, 1, 0, 2);
        assertArrayEquals(labels.toArray(), OneHot.decode(OneHot.encode(labels, 4)).toArray());
        Tensor scores = Tensor.matrix(new float[] {0.1f, 0.7f, 0.2f}, new float[] {0.5f, 0.5f, -1});
        assertArrayEquals(new float[] {1, 0}, OneHot.decode(scores).toArray());
    }

    @Test
    void refusesIndicesOutOfRangeOrFractional() {
        for (float bad : new float[] {3, -1, 0.5f}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> OneHot.encode(Tensor.vector(0, bad), 3));
            assertTrue(error.getMessage().startsWith("OneHot.encode: expected class indices as whole numbers in [0, 3),"
                    + " got " + bad + " at row 1"), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(Tensor.zeros(2, 2), 3));
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(Tensor.zeros(2), 0));
        assertThrows(IllegalArgumentException.class, () -> OneHot.decode(Tensor.zeros(3)));
    }
}
