package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.dendrite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowsTest {
    @Test
    void aGatherCopiedInPartsOfAnySizeEqualsOneCopiedWhole() {
        Random random = new Random(8);
        // Rows copied element by element (up to Rows.SHORT_ROW) and by arraycopy, parts that
        // start and end inside rows, and empty parts.
        for (int rowLength : new int[] {1, 3, Rows.SHORT_ROW, Rows.SHORT_ROW + 1, 20}) {
            int sourceRows = 30;
            float[] source = new float[sourceRows * rowLength];
            for (int i = 0; i < source.length; i++) {
                source[i] = random.nextFloat();
            }
            int[] indices = new int[40];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = random.nextInt(sourceRows);
            }
            int batchStart = 5;
            int rows = 17;
            float[] expected = new float[rows * rowLength];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(source, indices[batchStart + r] * rowLength, expected, r * rowLength, rowLength);
            }
            for (int partLength : new int[] {1, 2, 5, 7, 64, expected.length}) {
                float[] out = new float[expected.length];
                for (int first = 0; first < out.length; first += partLength) {
                    int end = Math.min(out.length, first + partLength);
                    Rows.copy(source, rowLength, indices, batchStart, first, end, out);
                    Rows.copy(source, rowLength, indices, batchStart, first, first, out);
                }
                assertArrayEquals(expected, out, "rows of " + rowLength + " in parts of " + partLength);
            }
            Tensor tensor = Tensor.wrap(source, sourceRows, rowLength);
            assertArrayEquals(expected, Rows.gather(tensor, indices, batchStart, batchStart + rows).data(),
                    "gather, rows of " + rowLength);
        }
    }
}
