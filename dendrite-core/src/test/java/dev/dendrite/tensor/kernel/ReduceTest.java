package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReduceTest {
    @Test
    void sumOfSquaresMatchesADoubleLoopForEveryTailLength() {
        Random random = new Random(3);
        for (int length = 0; length < 40; length++) {
            float[] x = new float[length];
            double expected = 0;
            for (int i = 0; i < length; i++) {
                x[i] = (float) random.nextGaussian();
                expected += (double) x[i] * x[i];
            }
            assertEquals(expected, Reduce.sumOfSquares(x), 1e-5 * Math.max(1, expected), "length " + length);
        }
    }
}
