package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BroadcastTest {
    @Test
    void sumToGivesTheBitsOfAddingEveryOutputElementIntoItsOperandElementInOrder() {
        Random random = new Random(9);
        // Operands that are the output's trailing axes (summed as columns), and ones broadcast
        // otherwise; widths around one and several vectors.
        int[][][] cases = {
            {{50, 40}, {40}}, {{50, 40}, {1, 40}}, {{2, 3, 40}, {40}}, {{2, 3, 40}, {3, 40}},
            {{2, 3, 17}, {3, 1}}, {{2, 3, 17}, {2, 1, 17}}, {{7, 1}, {7, 1}}, {{7, 5}, {1}}, {{6, 33}, {6, 33}},
        };
        for (int[][] shapes : cases) {
            int[] outDims = shapes[0];
            int[] dims = shapes[1];
            int outSize = Arrays.stream(outDims).reduce(1, (x, y) -> x * y);
            int size = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
            float[] grad = new float[outSize];
            for (int i = 0; i < outSize; i++) {
                grad[i] = (float) random.nextGaussian() * (i % 3 == 0 ? 1e4f : 1f);
            }
            float[] expected = new float[size];
            int[] strides = Broadcast.stridesFor(dims, outDims);
            for (int i = 0; i < outSize; i++) {
                int rest = i;
                int target = 0;
                for (int axis = outDims.length - 1; axis >= 0; axis--) {
                    target += rest % outDims[axis] * strides[axis];
                    rest /= outDims[axis];
                }
                expected[target] += grad[i];
            }
            String where = Arrays.toString(outDims) + " to " + Arrays.toString(dims);
            assertArrayEquals(expected, Broadcast.sumTo(grad, outDims, dims, size), where);
        }
    }
}
