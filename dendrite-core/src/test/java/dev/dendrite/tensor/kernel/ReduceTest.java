package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReduceTest {
    @Test
    void sumOfSquaresMatchesADoubleLoopForEveryTailLength() {
        Random random = new Random(3);
        for (int length = 0; length < 200; length++) {
            float[] x = new float[length];
            double expected = 0;
            for (int i = 0; i < length; i++) {
                x[i] = (float) random.nextGaussian();
                expected += (double) x[i] * x[i];
            }
            assertEquals(expected, Reduce.sumOfSquares(x), 1e-5 * Math.max(1, expected), "length " + length);
        }
    }

    @Test
    void sumOfSquaresGivesTheSameBitsOnTheScalarPath() {
        Random random = new Random(4);
        for (int length : new int[] {0, 1, 63, 64, 65, 1000, 200_704}) {
            float[] x = new float[length];
            for (int i = 0; i < length; i++) {
                x[i] = (float) random.nextGaussian() * 1e-3f;
            }
            float[] partial = new float[Reduce.PARTIAL_SUMS];
            for (int i = 0; i < length; i++) {
                partial[i % Reduce.PARTIAL_SUMS] = Math.fma(x[i], x[i], partial[i % Reduce.PARTIAL_SUMS]);
            }
            double expected = 0;
            for (float value : partial) {
                expected += value;
            }
            assertEquals(expected, Reduce.sumOfSquares(x), 0.0, "length " + length);
        }
    }
}
