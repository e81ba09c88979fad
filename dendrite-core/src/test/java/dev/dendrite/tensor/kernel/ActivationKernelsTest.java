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
            VectorActivations.relu(x, y);
            VectorActivations.reluGradient(x, dy, dx);
            for (int i = 0; i < length; i++) {
                assertEquals(x[i] > 0 ? x[i] : 0f, y[i], "relu at " + i + " of " + length);
                assertEquals(dy[i] * (x[i] > 0 ? 1f : 0f), dx[i], "relu gradient at " + i + " of " + length);
            }
        }
    }

    @Test
    void vectorSigmoidAndTanhAgreeWithTheScalarPathWithinTwoUlps() {
        assumeTrue(VectorSupport.available(), "the Vector API module is not present");
        for (int length : LENGTHS) {
            float[] x = inputs(length, 8f);
            x[0] = length > 1 ? -200f : x[0];
            float[] sigmoid = new float[length];
            float[] tanh = new float[length];
            VectorActivations.sigmoid(x, sigmoid);
            VectorActivations.tanh(x, tanh);
            for (int i = 0; i < length; i++) {
                float expected = ActivationKernels.sigmoid(x[i]);
                assertTrue(Math.abs(sigmoid[i] - expected) <= 2 * Math.ulp(expected),
                        "sigmoid(" + x[i] + "): " + sigmoid[i] + " vs " + expected);
                expected = ActivationKernels.tanh(x[i]);
                assertTrue(Math.abs(tanh[i] - expected) <= 2 * Math.ulp(expected),
                        "tanh(" + x[i] + "): " + tanh[i] + " vs " + expected);
            }
        }
    }

    @Test
    void anElementsResultDoesNotDependOnItsPosition() {
        assumeTrue(VectorSupport.available(), "the Vector API module is not present");
        float[] x = inputs(37, 5f);
        float[] whole = new float[37];
        VectorActivations.sigmoid(x, whole);
        float[] last = {x[36]};
        float[] alone = new float[1];
        VectorActivations.sigmoid(last, alone);
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

    private static float[] inputs(int length, float scale) {
        Random random = new Random(length);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }
}
