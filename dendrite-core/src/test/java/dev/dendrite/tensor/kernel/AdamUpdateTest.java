package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdamUpdateTest {
    private static final float KEEP1 = (float) (1 - 0.9);
    private static final float KEEP2 = (float) (1 - 0.999);

    @Test
    void scalarLoopFollowsTheFormula() {
        float[] p = {1f};
        float[] m = {0.5f};
        float[] v = {0.25f};
        AdamUpdate.scalar(p, new float[] {2f}, m, v, 0, 1, 0.9f, KEEP1, 0.999f, KEEP2, 0.01f, 0.5f, 1e-8f, 0.1f, 0.99f);
        float g = 2f + 0.1f * 1f;
        float expectedM = 0.9f * 0.5f + KEEP1 * g;
        float expectedV = 0.999f * 0.25f + KEEP2 * g * g;
        assertEquals(expectedM, m[0]);
        assertEquals(expectedV, v[0]);
        assertEquals(1f * 0.99f - 0.01f * expectedM / ((float) Math.sqrt(expectedV) / 0.5f + 1e-8f), p[0]);
    }

    @Test
    void subnormalMomentsBecomeZero() {
        float[] p = {1f, 1f};
        float[] m = {Float.MIN_NORMAL, -Float.MIN_NORMAL};
        float[] v = {Float.MIN_NORMAL, 3f};
        AdamUpdate.scalar(p, new float[2], m, v, 0, 2, 0.9f, KEEP1, 0.999f, KEEP2, 1e-3f, 1f, 1e-8f, 0f, 1f);
        assertArrayEquals(new float[] {0f, 0f}, m);
        assertEquals(0f, v[0]);
        assertEquals(0.999f * 3f, v[1]);
        assertArrayEquals(new float[] {1f, 1f}, p);
    }

    @Test
    void vectorPathGivesTheScalarPathsBits() {
        assumeTrue(VectorSupport.available(), "the Vector API module is not present");
        Random random = new Random(3);
        for (int length : new int[] {1, 7, 16, 33, 1000}) {
            float[][] scalar = state(random, length);
            float[][] vector = new float[4][];
            for (int i = 0; i < 4; i++) {
                vector[i] = scalar[i].clone();
            }
            for (int step = 0; step < 3; step++) {
                AdamUpdate.scalar(scalar[0], scalar[1], scalar[2], scalar[3], 0, length, 0.9f, KEEP1, 0.999f, KEEP2,
                        0.01f, 0.3f, 1e-8f, 0.01f, 0.999f);
                VectorAdamUpdate.apply(vector[0], vector[1], vector[2], vector[3], 0, length, 0.9f, KEEP1, 0.999f, KEEP2,
                        0.01f, 0.3f, 1e-8f, 0.01f, 0.999f);
            }
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(scalar[i], vector[i], "array " + i + " of length " + length);
            }
        }
    }

    @Test
    void largeParametersSplitOverThreadsGiveTheScalarPathsBits() {
        int saved = Gemm.threads();
        try {
            Random random = new Random(5);
            int length = 3 * AdamUpdate.PARALLEL_MIN_LENGTH + 37; // ranges end inside the vector tail
            float[][] reference = state(random, length);
            for (int threads = 1; threads <= 3; threads++) {
                float[][] split = new float[4][];
                for (int i = 0; i < 4; i++) {
                    split[i] = reference[i].clone();
                }
                Gemm.setThreads(threads);
                float[][] scalar = new float[4][];
                for (int i = 0; i < 4; i++) {
                    scalar[i] = reference[i].clone();
                }
                for (int step = 0; step < 2; step++) {
                    AdamUpdate.scalar(scalar[0], scalar[1], scalar[2], scalar[3], 0, length, 0.9f, KEEP1, 0.999f,
                            KEEP2, 0.01f, 0.3f, 1e-8f, 0.01f, 0.999f);
                    AdamUpdate.apply(split[0], split[1], split[2], split[3], 0.9f, KEEP1, 0.999f, KEEP2,
                            0.01f, 0.3f, 1e-8f, 0.01f, 0.999f);
                }
                for (int i = 0; i < 4; i++) {
                    assertArrayEquals(scalar[i], split[i], "array " + i + " on " + threads + " threads");
                }
            }
        } finally {
            Gemm.setThreads(saved);
        }
    }

    @Test
    void onlyLargeParametersAreSplit() {
        assertEquals(1, AdamUpdate.parts(2, AdamUpdate.PARALLEL_MIN_LENGTH - 1));
        assertEquals(1, AdamUpdate.parts(1, 1 << 20));
        assertEquals(2, AdamUpdate.parts(2, AdamUpdate.PARALLEL_MIN_LENGTH));
        assertEquals(4, AdamUpdate.parts(4, 1 << 20));
    }

    /** Parameters, gradients (some zero) and moments (some tiny, to exercise the flush). */
    private static float[][] state(Random random, int length) {
        float[][] state = new float[4][length];
        for (int i = 0; i < length; i++) {
            state[0][i] = (float) random.nextGaussian();
            state[1][i] = i % 3 == 0 ? 0f : (float) random.nextGaussian() * 1e-3f;
            state[2][i] = i % 5 == 0 ? 2e-38f : (float) random.nextGaussian() * 1e-4f;
            state[3][i] = i % 7 == 0 ? 1.3e-38f : random.nextFloat() * 1e-6f;
        }
        return state;
    }
}
