package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector paths against the scalar reference, on lengths with and without a partial last vector. */
class ActivationKernelsTest {
    private static final int[] LENGTHS = {1, 5, 16, 37, 300};

    @Test
    void scalarSigmoidAndTanhMatchDoublePrecision() {
        for (float x : new float[] {-1000f, -20f, -1f, -1e-5f, 0f, 1e-5f, 0.5f, 3f, 1000f}) {
            assertEquals((float) (1 / (1 + Math.exp(-(double) x))), ActivationKernels.sigmoid(x), 1e-7f, "sigmoid " + x);
            assertEquals((float) Math.tanh(x), ActivationKernels.tanh(x), Math.ulp((float) Math.tanh(x)), "tanh " + x);
        }
        assertEquals(0f, ActivationKernels.sigmoid(-1000f));
        assertEquals(1f, ActivationKernels.tanh(1000f));
    }

    @Test
    void vectorReluGivesTheScalarBits() {
        assumeTrue(VectorSupport.available(), "the Vector API module is not present");
        for (int length : LENGTHS) {
            float[] x = inputs(length, 3f);
            float[] dy = inputs(length, 1f);
            float[] y = new float[length];
            float[] dx = new float[length];
            VectorActivations.relu(x, y, 0, x.length);
            VectorActivations.reluGradient(x, dy, dx, 0, x.length);
            for (int i = 0; i < length; i++) {
                assertEquals(x[i] > 0 ? x[i] : 0f, y[i], "relu at " + i + " of " + length);
                assertEquals(dy[i] * (x[i] > 0 ? 1f : 0f), dx[i], "relu gradient at " + i + " of " + length);
            }
        }
    }

    @Test
    void floatMathIsWithinAFewUlpsOfDoublePrecisionEverywhere() {
        Random random = new Random(9);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((random.nextDouble() * 2 - 1) * (i % 2 == 0 ? 5 : 100));
            double sigmoid = 1 / (1 + Math.exp(-(double) x));
            assertTrue(Math.abs(FloatMath.sigmoid(x) - sigmoid) <= 3 * Math.ulp((float) sigmoid) + Float.MIN_NORMAL,
                    "sigmoid(" + x + ") = " + FloatMath.sigmoid(x) + ", expected " + sigmoid);
            double tanh = Math.tanh(x);
            assertTrue(Math.abs(FloatMath.tanh(x) - tanh) <= 3 * Math.ulp((float) tanh), "tanh(" + x + ") = "
                    + FloatMath.tanh(x) + ", expected " + tanh);
            float negative = -Math.abs(x);
            double exp = Math.exp(negative);
            assertTrue(Math.abs(FloatMath.expNonPositive(negative) - exp) <= 3 * Math.ulp((float) exp) + Float.MIN_NORMAL,
                    "exp(" + negative + ") = " + FloatMath.expNonPositive(negative) + ", expected " + exp);
        }
        assertTrue(Float.isNaN(FloatMath.sigmoid(Float.NaN)) && Float.isNaN(FloatMath.tanh(Float.NaN)));
        assertEquals(1f, FloatMath.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, FloatMath.sigmoid(Float.NEGATIVE_INFINITY));
        assertEquals(-1f, FloatMath.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FloatMath.expNonPositive(0f));
        assertEquals(0f, FloatMath.expNonPositive(-100f));
    }

    @Test
    void vectorSigmoidAndTanhGiveTheScalarBits() {
        assumeTrue(VectorSupport.available(), "the Vector API module is not present");
        for (int length : LENGTHS) {
            float[] x = inputs(length, 8f);
            x[0] = length > 1 ? -200f : x[0];
            float[] sigmoid = new float[length];
            float[] tanh = new float[length];
            VectorActivations.sigmoid(x, sigmoid, 0, x.length);
            VectorActivations.tanh(x, tanh, 0, x.length);
            for (int i = 0; i < length; i++) {
                assertEquals(FloatMath.sigmoid(x[i]), sigmoid[i], "sigmoid(" + x[i] + ")");
                assertEquals(FloatMath.tanh(x[i]), tanh[i], "tanh(" + x[i] + ")");
            }
        }
    }

    @Test
    void anElementsResultDoesNotDependOnItsPosition() {
        assumeTrue(VectorSupport.available(), "the Vector API module is not present");
        float[] x = inputs(37, 5f);
        float[] whole = new float[37];
        VectorActivations.sigmoid(x, whole, 0, x.length);
        float[] last = {x[36]};
        float[] alone = new float[1];
        VectorActivations.sigmoid(last, alone, 0, 1);
        assertEquals(whole[36], alone[0]);
    }

    @Test
    void gradientsFollowTheOutputFormulas() {
        float[] y = {0.25f, 0.5f, -0.75f};
        float[] dy = {2f, -1f, 0.5f};
        float[] dx = new float[3];
        ActivationKernels.sigmoidGradient(y, dy, dx);
        assertArrayEquals(new float[] {2f * 0.25f * 0.75f, -0.25f, 0.5f * (-0.75f * 1.75f)}, dx);
        ActivationKernels.tanhGradient(y, dy, dx);
        assertArrayEquals(new float[] {2f * (1 - 0.0625f), -0.75f, 0.5f * (1 - 0.5625f)}, dx);
    }

    @Test
    void aLargeArraySplitOverThreadsGivesTheBitsOfOneThread() {
        int savedThreads = Gemm.threads();
        try {
            int length = 5 * ElementRanges.RANGE + 13; // several ranges, the last one with a tail
            float[] x = inputs(length, 4f);
            float[] dy = inputs(length + 1, 1f);
            float[][] one = new float[6][];
            for (int threads : new int[] {1, 2, 3}) {
                Gemm.setThreads(threads);
                float[][] results = new float[6][length];
                ActivationKernels.relu(x, results[0]);
                ActivationKernels.reluGradient(x, java.util.Arrays.copyOf(dy, length), results[1]);
                ActivationKernels.sigmoid(x, results[2]);
                ActivationKernels.tanh(x, results[3]);
                ActivationKernels.sigmoidGradient(results[2], java.util.Arrays.copyOf(dy, length), results[4]);
                ActivationKernels.tanhGradient(results[3], java.util.Arrays.copyOf(dy, length), results[5]);
                for (int k = 0; k < results.length; k++) {
                    if (threads == 1) {
                        one[k] = results[k];
                        assertEquals(ActivationKernels.sigmoid(x[length - 1]), results[2][length - 1], 0f);
                    } else {
                        assertArrayEquals(one[k], results[k], "result " + k + " on " + threads + " threads");
                    }
                }
            }
        } finally {
            Gemm.setThreads(savedThreads);
        }
    }

    private static float[] inputs(int length, float scale) {
        Random random = new Random(length);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }
}
