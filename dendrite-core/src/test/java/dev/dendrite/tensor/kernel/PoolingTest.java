package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolingTest {
    private final int savedThreads = Gemm.threads();

    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(savedThreads);
    }

    @Test
    void maxAndAveragePoolingMatchADirectReferenceOnRandomShapes() {
        Random random = new Random(31);
        for (int trial = 0; trial < 300; trial++) {
            int kernel = 1 + random.nextInt(4);
            int stride = 1 + random.nextInt(3);
            int pad = random.nextInt(kernel / 2 + 1);
            int height = Math.max(1, kernel - 2 * pad) + random.nextInt(8);
            int width = Math.max(1, kernel - 2 * pad) + random.nextInt(8);
            int planes = 1 + random.nextInt(5);
            ConvGeometry g = ConvGeometry.of(1, height, width, kernel, stride, 1, pad, pad);
            float[] x = new float[planes * height * width];
            for (int i = 0; i < x.length; i++) {
                // Small integers, so windows often hold ties: the first maximum must win.
                x[i] = random.nextInt(7) - 3;
            }
            Gemm.setThreads(1 + trial % 3);
            float[] y = new float[planes * g.outPlane()];
            int[] argmax = new int[y.length];
            Pooling.maxForward(x, planes, g, y, argmax);
            float[] average = new float[y.length];
            Pooling.averageForward(x, planes, g, average);
            check(x, planes, g, y, argmax, average, "trial " + trial + " " + g);
        }
    }

    private static void check(float[] x, int planes, ConvGeometry g, float[] y, int[] argmax, float[] average,
                              String context) {
        for (int plane = 0; plane < planes; plane++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    double sum = 0;
                    for (int i = 0; i < g.kernelHeight(); i++) {
                        for (int j = 0; j < g.kernelWidth(); j++) {
                            int ih = oh * g.stride() - g.padTop() + i;
                            int iw = ow * g.stride() - g.padLeft() + j;
                            if (ih < 0 || ih >= g.height() || iw < 0 || iw >= g.width()) {
                                continue;
                            }
                            float value = x[plane * g.height() * g.width() + ih * g.width() + iw];
                            sum += value;
                            if (bestIndex < 0 || value > best) {
                                best = value;
                                bestIndex = ih * g.width() + iw;
                            }
                        }
                    }
                    int out = (plane * g.outHeight() + oh) * g.outWidth() + ow;
                    assertEquals(best, y[out], context + " max at " + out);
                    assertEquals(bestIndex, argmax[out], context + " argmax at " + out);
                    assertEquals(sum / (g.kernelHeight() * g.kernelWidth()), average[out], 1e-5, context + " avg");
                }
            }
        }
    }

    @Test
    void twoByTwoPoolingOfManyLargePlanesMatchesAWindowScanWithTiesAndNaNs() {
        // The shapes of a CNN's pooling layers (and odd heights and widths, and planes of 2 to 64 columns),
        // with many planes so that groups of planes, vector bodies and tails all occur.
        int[][] shapes = {{26, 26}, {11, 11}, {11, 12}, {13, 30}, {7, 9}, {4, 2}, {2, 64}, {24, 24}, {3, 41}};
        Random random = new Random(5);
        for (int[] shape : shapes) {
            int planes = 37;
            ConvGeometry g = ConvGeometry.of(1, shape[0], shape[1], 2, 2, 1, 0, 0);
            float[] x = new float[planes * shape[0] * shape[1]];
            for (int i = 0; i < x.length; i++) {
                int draw = random.nextInt(40);
                x[i] = draw == 0 ? Float.NaN : draw % 5; // ties in most windows, a NaN in some
            }
            for (int threads = 1; threads <= 2; threads++) {
                Gemm.setThreads(threads);
                float[] y = new float[planes * g.outPlane()];
                int[] argmax = new int[y.length];
                Pooling.maxForward(x, planes, g, y, argmax);
                for (int out = 0; out < y.length; out++) {
                    int plane = out / g.outPlane();
                    int oh = out % g.outPlane() / g.outWidth();
                    int ow = out % g.outWidth();
                    int expected = -1;
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            int index = (2 * oh + i) * shape[1] + 2 * ow + j;
                            float value = x[plane * shape[0] * shape[1] + index];
                            float best = expected < 0 ? 0 : x[plane * shape[0] * shape[1] + expected];
                            if (expected < 0 || value > best || (Float.isNaN(value) && !Float.isNaN(best))) {
                                expected = index;
                            }
                        }
                    }
                    String where = "output " + out + " of " + g + " on " + threads + " threads";
                    assertEquals(expected, argmax[out], where);
                    assertEquals(x[plane * shape[0] * shape[1] + expected], y[out], where);
                }
            }
        }
    }

    @Test
    void maxPoolingGradientGoesToTheArgmaxAndANaNWins() {
        ConvGeometry g = ConvGeometry.of(1, 2, 4, 2, 2, 1, 0, 0);
        float[] x = {1, Float.NaN, 5, 2, 3, 4, 9, 9};
        float[] y = new float[2];
        int[] argmax = new int[2];
        Pooling.maxForward(x, 1, g, y, argmax);
        assertEquals(Float.NaN, y[0]);
        assertArrayEquals(new int[] {1, 6}, argmax, "the NaN, then the first of the tied 9s");
        float[] dx = new float[8];
        Pooling.maxBackward(new float[] {10, 20}, argmax, 1, g, dx);
        assertArrayEquals(new float[] {0, 10, 0, 0, 0, 0, 20, 0}, dx);
    }
}
