package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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

    @Test
    void sumAlongAnAxisGivesTheBitsOfAnInOrderLoopForEveryWidth() {
        Random random = new Random(5);
        // Widths around one, two and four vectors of 8 and 16 lanes, and the tails between.
        for (int inner = 0; inner <= 70; inner++) {
            for (int[] outerAndLength : new int[][] {{1, 50}, {3, 7}, {2, 0}, {1, 1}}) {
                int outer = outerAndLength[0];
                int length = outerAndLength[1];
                float[] x = new float[outer * length * inner];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextGaussian() * (i % 5 == 0 ? 1e4f : 1f);
                }
                float[] expected = new float[outer * inner];
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < inner; j++) {
                        float sum = 0f;
                        for (int l = 0; l < length; l++) {
                            sum += x[(o * length + l) * inner + j];
                        }
                        expected[o * inner + j] = sum;
                    }
                }
                float[] written = new float[outer * inner + 1];
                Arrays.fill(written, Float.NaN);
                Reduce.sum(x, outer, length, inner, written);
                String where = "outer " + outer + ", length " + length + ", inner " + inner;
                // Without a tolerance the floats are compared as bits: -0 and +0 differ.
                assertArrayEquals(expected, Reduce.sum(x, outer, length, inner), where);
                assertArrayEquals(expected, Arrays.copyOf(written, outer * inner), where);
                assertTrue(Float.isNaN(written[outer * inner]), "wrote past the sums: " + where);
            }
        }
    }
}
