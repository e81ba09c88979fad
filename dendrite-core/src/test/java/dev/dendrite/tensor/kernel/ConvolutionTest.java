package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConvolutionTest {
    private final int savedThreads = Gemm.threads();

    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(savedThreads);
    }

    /** One random convolution problem with its direct (seven nested loops) reference in double. */
    private static final class Case {
        final int batch;
        final int outChannels;
        final ConvGeometry g;
        final float[] x;
        final float[] w;
        final float[] bias;
        final float[] dy;

        Case(Random random, ConvGeometry g, int batch, int outChannels) {
            this.batch = batch;
            this.outChannels = outChannels;
            this.g = g;
            x = values(random, batch * g.inputSize());
            w = values(random, outChannels * g.columnRows());
            bias = values(random, outChannels);
            dy = values(random, batch * outChannels * g.outPlane());
        }

        Case(Random random) {
            batch = 1 + random.nextInt(3);
            outChannels = 1 + random.nextInt(5);
            int channels = 1 + random.nextInt(4);
            int kernel = 1 + random.nextInt(4);
            int stride = 1 + random.nextInt(3);
            int dilation = 1 + random.nextInt(2);
            int before = random.nextInt(3);
            int after = random.nextInt(3);
            int span = dilation * (kernel - 1) + 1;
            int height = Math.max(1, span - before - after) + random.nextInt(7);
            int width = Math.max(1, span - before - after) + random.nextInt(7);
            g = ConvGeometry.of(channels, height, width, kernel, stride, dilation, before, after);
            x = values(random, batch * g.inputSize());
            w = values(random, outChannels * g.columnRows());
            bias = values(random, outChannels);
            dy = values(random, batch * outChannels * g.outPlane());
        }

        private static float[] values(Random random, int size) {
            float[] v = new float[size];
            for (int i = 0; i < size; i++) {
                v[i] = random.nextFloat() * 2 - 1;
            }
            return v;
        }

        /** Calls {@code tap(n, o, oh, ow, c, i, j, inputIndex)} for every tap that lands inside the image. */
        void forEachTap(Tap tap) {
            for (int n = 0; n < batch; n++) {
                for (int o = 0; o < outChannels; o++) {
                    for (int oh = 0; oh < g.outHeight(); oh++) {
                        for (int ow = 0; ow < g.outWidth(); ow++) {
                            int out = ((n * outChannels + o) * g.outHeight() + oh) * g.outWidth() + ow;
                            for (int c = 0; c < g.channels(); c++) {
                                for (int i = 0; i < g.kernelHeight(); i++) {
                                    for (int j = 0; j < g.kernelWidth(); j++) {
                                        int ih = oh * g.stride() - g.padTop() + i * g.dilation();
                                        int iw = ow * g.stride() - g.padLeft() + j * g.dilation();
                                        if (ih >= 0 && ih < g.height() && iw >= 0 && iw < g.width()) {
                                            int in = ((n * g.channels() + c) * g.height() + ih) * g.width() + iw;
                                            int weight = ((o * g.channels() + c) * g.kernelHeight() + i)
                                                    * g.kernelWidth() + j;
                                            tap.visit(out, in, weight);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        double[] forwardReference() {
            double[] y = new double[dy.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = bias[i / g.outPlane() % outChannels];
            }
            forEachTap((out, in, weight) -> y[out] += (double) x[in] * w[weight]);
            return y;
        }

        double[] inputGradientReference() {
            double[] dx = new double[x.length];
            forEachTap((out, in, weight) -> dx[in] += (double) dy[out] * w[weight]);
            return dx;
        }

        double[] weightGradientReference() {
            double[] dw = new double[w.length];
            forEachTap((out, in, weight) -> dw[weight] += (double) dy[out] * x[in]);
            return dw;
        }

        float[] forward() {
            return Convolution.forward(x, batch, g, w, outChannels, bias);
        }

        float[] inputGradient() {
            float[] dx = new float[x.length];
            Convolution.backward(x, dy, batch, g, w, outChannels, dx, null, null);
            return dx;
        }

        float[] weightGradient() {
            float[] dw = new float[w.length];
            Convolution.backward(x, dy, batch, g, w, outChannels, null, dw, null);
            return dw;
        }

        float[] biasGradient() {
            float[] db = new float[outChannels];
            Convolution.backward(x, dy, batch, g, w, outChannels, null, null, db);
            return db;
        }

        /** All three at once, into arrays holding stale values where the contract allows it. */
        float[][] allGradients() {
            float[] dx = new float[x.length];
            float[] dw = new float[w.length];
            float[] db = new float[outChannels];
            java.util.Arrays.fill(dw, Float.NaN);
            java.util.Arrays.fill(db, Float.NaN);
            Convolution.backward(x, dy, batch, g, w, outChannels, dx, dw, db);
            return new float[][] {dx, dw, db};
        }

        double[] biasGradientReference() {
            double[] db = new double[outChannels];
            for (int i = 0; i < dy.length; i++) {
                db[i / g.outPlane() % outChannels] += dy[i];
            }
            return db;
        }
    }

    @FunctionalInterface
    private interface Tap {
        void visit(int out, int in, int weight);
    }

    private static void assertNear(double[] expected, float[] actual, String context) {
        assertEquals(expected.length, actual.length, context + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 * (1 + Math.abs(expected[i])) * 16;
            assertEquals(expected[i], actual[i], tolerance, context + " element " + i);
        }
    }

    @Test
    void forwardAndBothGradientsMatchDirectConvolutionInDoubleOnRandomShapes() {
        Random random = new Random(2024);
        for (int trial = 0; trial < 300; trial++) {
            Case c = new Case(random);
            Gemm.setThreads(1 + trial % 3);
            String context = "trial " + trial + " " + c.g + " batch " + c.batch + " out " + c.outChannels;
            assertNear(c.forwardReference(), c.forward(), context + " forward");
            assertNear(c.inputGradientReference(), c.inputGradient(), context + " dx");
            assertNear(c.weightGradientReference(), c.weightGradient(), context + " dW");
            float[][] all = c.allGradients();
            assertNear(c.inputGradientReference(), all[0], context + " dx of all three");
            assertNear(c.weightGradientReference(), all[1], context + " dW of all three");
            assertNear(c.biasGradientReference(), all[2], context + " db of all three");
            assertNear(c.biasGradientReference(), c.biasGradient(), context + " db");
        }
    }

    @Test
    void aBatchOfManyGroupsMatchesTheReference() {
        // 72·400 column values per image: groups of 4 images, 12 groups in 8 weight-gradient runs.
        ConvGeometry g = ConvGeometry.of(8, 20, 20, 3, 1, 1, 1, 1);
        Case c = new Case(new Random(31), g, 48, 6);
        assertEquals(12, Convolution.groupCount(g, 6, 48));
        for (int threads = 1; threads <= 2; threads++) {
            Gemm.setThreads(threads);
            assertNear(c.forwardReference(), c.forward(), threads + " threads forward");
            float[][] all = c.allGradients();
            assertNear(c.inputGradientReference(), all[0], threads + " threads dx");
            assertNear(c.weightGradientReference(), all[1], threads + " threads dW");
            assertNear(c.biasGradientReference(), all[2], threads + " threads db");
        }
    }

    @Test
    void aFusedReluGivesTheSameBitsAsTheActivationKernelsOnThePlainConvolution() {
        // Output planes of 1 to 26 floats put the vector tails (and an array's last run) at every length.
        Random random = new Random(77);
        for (int trial = 0; trial < 120; trial++) {
            Case c = new Case(random);
            Gemm.setThreads(1 + trial % 2);
            String context = "trial " + trial + " " + c.g + " batch " + c.batch + " out " + c.outChannels;
            float[] plain = c.forward();
            float[] expected = new float[plain.length];
            ActivationKernels.relu(plain, expected);
            float[] fused = Convolution.forward(c.x, c.batch, c.g, c.w, c.outChannels, c.bias, true);
            assertArrayEquals(expected, fused, context + " forward");

            float[] maskedDy = new float[c.dy.length];
            ActivationKernels.reluGradient(plain, c.dy, maskedDy);
            float[][] want = new float[][] {new float[c.x.length], new float[c.w.length], new float[c.outChannels]};
            Convolution.backward(c.x, maskedDy, c.batch, c.g, c.w, c.outChannels, want[0], want[1], want[2]);
            float[][] got = new float[][] {new float[c.x.length], new float[c.w.length], new float[c.outChannels]};
            Convolution.backward(c.x, c.dy, fused, c.batch, c.g, c.w, c.outChannels, got[0], got[1], got[2]);
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(want[r], got[r], context + " gradient " + r);
            }
        }
    }

    @Test
    void poolingFusedIntoTheConvolutionGivesTheSameBitsAsPoolingItsOutput() {
        // 72·400 column values per image: 12 groups of 4 images. Pooling windows 2x2 (the vector
        // path), 3x3 at stride 2 with padding (overlapping, scalar) and 2x2 at stride 1.
        ConvGeometry g = ConvGeometry.of(8, 20, 20, 3, 1, 1, 1, 1);
        int batch = 48;
        int outChannels = 6;
        Case c = new Case(new Random(41), g, batch, outChannels);
        ConvGeometry[] pools = {ConvGeometry.of(1, 20, 20, 2, 2, 1, 0, 0), ConvGeometry.of(1, 20, 20, 3, 2, 1, 1, 1),
            ConvGeometry.of(1, 20, 20, 2, 1, 1, 0, 0)};
        for (ConvGeometry pool : pools) {
            for (boolean relu : new boolean[] {false, true}) {
                for (int threads = 1; threads <= 2; threads++) {
                    Gemm.setThreads(threads);
                    String context = pool + " relu " + relu + " on " + threads + " threads";
                    float[] plain = Convolution.forward(c.x, batch, g, c.w, outChannels, c.bias, relu);
                    int pooledSize = batch * outChannels * pool.outPlane();
                    float[] expected = new float[pooledSize];
                    int[] expectedArgmax = new int[pooledSize];
                    Pooling.maxForward(plain, batch * outChannels, pool, expected, expectedArgmax);
                    float[] pooled = new float[pooledSize];
                    int[] argmax = new int[pooledSize];
                    Convolution.forwardPooled(c.x, batch, g, c.w, outChannels, c.bias, relu, pool, pooled, argmax);
                    assertArrayEquals(expected, pooled, context + " forward");
                    assertArrayEquals(expectedArgmax, argmax, context + " argmax");

                    float[] gradPooled = new float[pooledSize];
                    Random random = new Random(5);
                    for (int i = 0; i < pooledSize; i++) {
                        gradPooled[i] = random.nextFloat() - 0.5f;
                    }
                    float[] dy = new float[plain.length];
                    Pooling.maxBackward(gradPooled, argmax, batch * outChannels, pool, dy);
                    if (relu) {
                        ActivationKernels.reluGradient(plain, dy, dy);
                    }
                    float[][] want = {new float[c.x.length], new float[c.w.length], new float[outChannels]};
                    Convolution.backward(c.x, dy, batch, g, c.w, outChannels, want[0], want[1], want[2]);
                    float[][] got = {new float[c.x.length], new float[c.w.length], new float[outChannels]};
                    Convolution.backwardPooled(c.x, gradPooled, pooled, argmax, relu, batch, g, pool, c.w, outChannels,
                            got[0], got[1], got[2]);
                    for (int r = 0; r < 3; r++) {
                        assertArrayEquals(want[r], got[r], context + " gradient " + r);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Convolution.forwardPooled(c.x, batch, g, c.w, outChannels,
                c.bias, true, ConvGeometry.of(1, 18, 20, 2, 2, 1, 0, 0), new float[1], new int[1]));
    }

    @Test
    void resultsAreTheSameBitsForOneTwoAndThreeThreads() {
        // Large enough that the column passes and the products split over threads.
        ConvGeometry g = ConvGeometry.of(8, 20, 20, 3, 1, 1, 1, 1);
        float[][] reference = null;
        for (int threads = 1; threads <= 3; threads++) {
            Gemm.setThreads(threads);
            float[][] results = resultsFor(g, 48, 24);
            if (reference == null) {
                reference = results;
            }
            for (int r = 0; r < results.length; r++) {
                assertArrayEquals(reference[r], results[r], "result " + r + " on " + threads + " threads");
            }
        }
    }

    private static float[][] resultsFor(ConvGeometry g, int batch, int outChannels) {
        Random random = new Random(9);
        float[] x = new float[batch * g.inputSize()];
        float[] w = new float[outChannels * g.columnRows()];
        float[] dy = new float[batch * outChannels * g.outPlane()];
        for (float[] array : new float[][] {x, w, dy}) {
            for (int i = 0; i < array.length; i++) {
                array[i] = random.nextFloat() - 0.5f;
            }
        }
        float[] y = Convolution.forward(x, batch, g, w, outChannels, null);
        float[] dw = new float[w.length];
        float[] dx = new float[x.length];
        float[] db = new float[outChannels];
        Convolution.backward(x, dy, batch, g, w, outChannels, dx, dw, db);
        return new float[][] {y, dw, dx, db};
    }

    @Test
    void geometryComputesOutputSizesAsPyTorchDoes() {
        // floor((28 + 0 - 1·(3-1) - 1) / 1) + 1 = 26; with stride 2 and padding 1: floor((28+2-3)/2)+1 = 14
        assertEquals(26, ConvGeometry.of(1, 28, 28, 3, 1, 1, 0, 0).outHeight());
        assertEquals(14, ConvGeometry.of(1, 28, 28, 3, 2, 1, 1, 1).outWidth());
        // dilation 2 spans 5 pixels: 28 - 5 + 1 = 24
        assertEquals(24, ConvGeometry.of(1, 28, 28, 3, 1, 2, 0, 0).outHeight());
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(1, 2, 2, 3, 1, 1, 0, 0));
    }
}
