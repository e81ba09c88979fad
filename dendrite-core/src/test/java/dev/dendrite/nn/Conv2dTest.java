package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Conv2dTest {
    @TempDir
    Path directory;

    /** The 4x4 image 1..16, row by row, as one sample of one channel. */
    private static Tensor image() {
        return Tensor.arange(1f, 17f, 1f).reshape(1, 1, 4, 4).detach().copy();
    }

    /** Kernel [[1, 2], [3, 4]], bias 0.5, stride 2, padding 1. */
    private static Conv2d handLayer() {
        return new Conv2d(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2), Tensor.vector(0.5f), 2, 1, 1);
    }

    @Test
    void aTwoByTwoKernelWithStrideTwoAndPaddingOneWorkedByHand() {
        // Padded to 6x6, the 2x2 windows at stride 2 tile it: output 3x3. Window (1,1) covers
        // x rows 1-2, columns 1-2 = [[6, 7], [10, 11]]: 6·1 + 7·2 + 10·3 + 11·4 = 94, plus 0.5.
        // Window (0,0) sees only x[0][0] = 1 under w[1][1] = 4; window (0,1) sees 2·3 + 3·4 = 18.
        Conv2d conv = handLayer();
        Tensor x = image().requiresGrad(true);
        Tensor y = conv.forward(x);
        assertValues(new float[] {
            4.5f, 18.5f, 12.5f,
            46.5f, 94.5f, 44.5f,
            26.5f, 44.5f, 16.5f}, new int[] {1, 1, 3, 3}, y);

        y.backward(Tensor.ones(1, 1, 3, 3));
        // Each pixel is seen by exactly one tap: pixel (r, c) by w[(r+1)%2][(c+1)%2].
        assertValues(new float[] {
            4, 3, 4, 3,
            2, 1, 2, 1,
            4, 3, 4, 3,
            2, 1, 2, 1}, new int[] {1, 1, 4, 4}, x.grad());
        // dW[i][j] sums the pixels tap (i, j) saw: w[0][0] saw odd rows and odd columns, 6+8+14+16.
        assertValues(new float[] {44, 40, 28, 24}, new int[] {1, 1, 2, 2}, conv.weight().grad());
        assertValues(new float[] {9}, new int[] {1}, conv.bias().grad());
    }

    @Test
    void gradientsMatchFiniteDifferencesAcrossStridesPaddingsAndDilations() {
        Random random = new Random(11);
        String[][] configs = {{"1", "0", "1"}, {"2", "1", "1"}, {"1", "same", "1"}, {"1", "2", "2"}, {"3", "1", "1"},
            {"1", "same", "2"}};
        for (String[] config : configs) {
            for (int kernel = 1; kernel <= 3; kernel++) {
                Conv2d conv = new Conv2d(2, 3, kernel, Integer.parseInt(config[0]), config[1],
                        Integer.parseInt(config[2]), kernel != 2, dev.dendrite.nn.init.He.uniform(), random);
                if (conv.bias() != null) {
                    System.arraycopy(Tensor.uniform(random, -1f, 1f, 3).data(), 0, conv.bias().data(), 0, 3);
                }
                Tensor x = Tensor.uniform(random, -1f, 1f, 2, 2, 6, 5).requiresGrad(true);
                Tensor[] inputs = conv.bias() == null ? new Tensor[] {x, conv.weight()}
                        : new Tensor[] {x, conv.weight(), conv.bias()};
                String mismatch = GradientCheck.standard().check(in -> conv.forward(in[0]), inputs);
                assertNull(mismatch, conv + ": " + mismatch);
            }
        }
    }

    @Test
    void theGradientCheckCatchesABrokenBackward() {
        // An output whose gradient is off by a factor of two must fail the check the tests above pass.
        Conv2d conv = new Conv2d(1, 2, 3, new Random(4));
        Tensor x = Tensor.uniform(new Random(5), -1f, 1f, 1, 1, 5, 5).requiresGrad(true);
        String broken = GradientCheck.standard().check(in -> {
            Tensor y = conv.forward(in[0]);
            return y.add(y.detach().mul(1f)); // the forward doubles, backward sees only one copy
        }, x, conv.weight());
        assertNotNull(broken, "a gradient off by a factor of two passed the check");
    }

    @Test
    void samePaddingKeepsTheSizeAndOutputShapeAgreesWithForward() {
        Random random = new Random(2);
        for (int kernel : new int[] {1, 2, 3, 4, 5}) {
            Conv2d conv = new Conv2d(3, 4, kernel, 1, "same", 1, true, dev.dendrite.nn.init.He.uniform(), random);
            Tensor x = Tensor.uniform(random, -1f, 1f, 2, 3, 7, 6);
            assertEquals(Shape.of(2, 4, 7, 6), conv.forward(x).shape());
            assertEquals(Shape.of(2, 4, 7, 6), conv.outputShape(x.shape()));
        }
        Conv2d strided = new Conv2d(1, 8, 3, 2, 1, 1, false, random);
        Tensor x = Tensor.zeros(3, 1, 28, 28);
        assertEquals(strided.outputShape(x.shape()), strided.forward(x).shape());
        assertEquals(Shape.of(3, 8, 14, 14), strided.outputShape(x.shape()));
        assertArrayEquals(new int[] {1, -1, -1}, strided.sampleInputShape());
    }

    @Test
    void aSingleImageGivesASingleOutputMap() {
        Conv2d conv = handLayer();
        Tensor batch = conv.forward(image());
        Tensor single = conv.forward(image().reshape(1, 4, 4));
        assertEquals(Shape.of(1, 3, 3), single.shape());
        assertArrayEquals(batch.data(), single.data());
    }

    @Test
    void heInitialisationHasVarianceTwoOverFanIn() {
        Conv2d conv = new Conv2d(32, 64, 3, new Random(7));
        double fanIn = 32 * 9;
        assertEquals(2.0 / fanIn, conv.weight().pow(2).mean().item(), 0.1 * 2.0 / fanIn);
        assertEquals(0f, conv.bias().abs().max().item());
        assertArrayEquals(new int[] {64, 32, 3, 3}, conv.weight().shape().dims());
        assertArrayEquals(conv.weight().data(), new Conv2d(32, 64, 3, new Random(7)).weight().data());
    }

    @Test
    void printsItsHyperparameters() {
        assertEquals("Conv2d(1, 32, kernel=3, stride=1, padding=0, dilation=1, bias=true)",
                new Conv2d(1, 32, 3, new Random(1)).toString());
        assertEquals("Conv2d(3, 8, kernel=4, stride=1, padding=same, dilation=2, bias=false)",
                new Conv2d(3, 8, 4, 1, "same", 2, false, dev.dendrite.nn.init.He.uniform(), new Random(1)).toString());
        assertEquals(32 * 9 + 32, new Conv2d(1, 32, 3, new Random(1)).parameterCount());
    }

    @Test
    void rejectsBadInputsAndHyperparametersNamingWhatWasExpected() {
        Conv2d conv = new Conv2d(3, 8, 3, new Random(1));
        assertThrowsMentioning(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 1, 28, 28)),
                "[N, 3, H, W]", "[2, 1, 28, 28]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 3 * 28 * 28)),
                "[N, 3, H, W]", "[2, 2352]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 3, 2, 2)),
                "as large as the window", "[2, 3, 2, 2]");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> new Conv2d(1, 1, 3, 2, "same", 1, true, dev.dendrite.nn.init.He.uniform(), new Random(1)),
                "\"same\" with stride 1");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> new Conv2d(1, 1, 3, 1, "full", 1, true, dev.dendrite.nn.init.He.uniform(), new Random(1)),
                "\"full\"");
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 1, 3, new Random(1)));
    }

    @Test
    void roundTripsThroughArchitectureAndModelFiles() {
        Random random = new Random(3);
        Tensor x = Tensor.uniform(random, -1f, 1f, 2, 2, 9, 9);
        LayerRoundTrip.check(new Conv2d(2, 4, 3, 2, 1, 1, true, random), x, directory);
        LayerRoundTrip.check(new Conv2d(2, 4, 2, 1, "same", 2, false, dev.dendrite.nn.init.He.uniform(), random), x,
                directory);
        Sequential loaded = dev.dendrite.io.Architecture.build("[{\"type\":\"conv\",\"in\":1,\"out\":6,\"kernel\":5}]",
                random);
        assertEquals("Sequential(\n  (0): Conv2d(1, 6, kernel=5, stride=1, padding=0, dilation=1, bias=true)\n)",
                loaded.toString());
        assertTrue(dev.dendrite.io.Architecture.describe(loaded).contains("\"padding\":0"));
    }

    @Test
    void gradientOfABatchIsTheSumOfItsImagesGradients() {
        Random random = new Random(21);
        Conv2d conv = new Conv2d(2, 3, 3, 1, 1, 1, true, random);
        Tensor x = Tensor.uniform(random, -1f, 1f, 3, 2, 5, 5);
        assertGradientsMatch(in -> conv.forward(in[0]), x.detach().copy().requiresGrad(true));
        conv.zeroGrad();
        conv.forward(x).sum().backward();
        float[] together = conv.weight().grad().data().clone();
        conv.zeroGrad();
        for (int n = 0; n < 3; n++) {
            conv.forward(x.sliceRows(n, n + 1).detach().copy()).sum().backward();
        }
        float[] separately = conv.weight().grad().data();
        for (int i = 0; i < together.length; i++) {
            assertEquals(together[i], separately[i], 1e-4f * (1 + Math.abs(together[i])), "dW element " + i);
        }
    }

    @Test
    void inferenceInGroupsOfImagesGivesTheSameBitsAsTraining() {
        // 27·900 column values per image: a 200-image batch is split into groups of 172 and 28.
        Random random = new Random(12);
        Conv2d conv = new Conv2d(3, 8, 3, 1, 1, 1, true, random);
        Tensor x = Tensor.uniform(random, -1f, 1f, 200, 3, 30, 30);
        float[] recorded = conv.forward(x).data();
        conv.eval();
        float[] grouped;
        try (dev.dendrite.autograd.GradMode.Scope ignored = dev.dendrite.autograd.GradMode.noGrad()) {
            grouped = conv.forward(x).data();
        }
        assertArrayEquals(recorded, grouped);
    }

    @Test
    void aLayerUsedTwiceInOneGraphAndAGraphBackpropagatedTwiceKeepTheirOwnColumns() {
        // The layer lends one column matrix from step to step; two ops of it alive at once, or a
        // second backward after the matrix went back, must still see their own input's columns.
        Random random = new Random(5);
        Conv2d conv = new Conv2d(2, 2, 3, 1, 1, 1, true, random);
        assertGradientsMatch(in -> conv.forward(conv.forward(in[0]).exp()),
                Tensor.uniform(random, -1f, 1f, 2, 2, 5, 5).requiresGrad(true));

        Tensor x = Tensor.uniform(random, -1f, 1f, 2, 2, 5, 5);
        conv.zeroGrad();
        Tensor y = conv.forward(x);
        Tensor loss = y.mul(y).sum();
        loss.backward();
        float[] once = conv.weight().grad().data().clone();
        // Another step in between takes the spare columns and writes a different input into them.
        conv.forward(Tensor.uniform(random, -1f, 1f, 2, 2, 5, 5)).sum().backward();
        conv.zeroGrad();
        loss.backward();
        assertArrayEquals(once, conv.weight().grad().data());
    }
    /** The layers after a convolution that it applies in the same pass, in the cases it fuses. */
    private static List<List<Module>> fusedTails() {
        return List.of(List.of(new ReLU()), List.of(new ReLU(), new MaxPool2d(2)), List.of(new MaxPool2d(2)),
                List.of(new ReLU(), new MaxPool2d(3, 2, 1)), List.of(new ReLU(), new MaxPool2d(2, 1, 0)));
    }

    @Test
    void followingReluAndMaxPoolingAreAppliedInTheSamePassWithTheSameBitsAndGradients() {
        Random random = new Random(31);
        for (List<Module> tail : fusedTails()) {
            for (int stride = 1; stride <= 2; stride++) {
                Conv2d conv = new Conv2d(3, 5, 3, stride, "1", 1, true, dev.dendrite.nn.init.He.uniform(), random);
                System.arraycopy(Tensor.uniform(random, -0.5f, 0.5f, 5).data(), 0, conv.bias().data(), 0, 5);
                Tensor x = Tensor.uniform(random, -1f, 1f, 7, 3, 13, 11);
                Shape outShape = new Sequential(tail.toArray(new Module[0])).outputShape(conv.outputShape(x.shape()));
                Tensor upstream = Tensor.uniform(random, -1f, 1f, outShape.dims());
                String context = conv + " then " + tail;

                Tensor xApart = x.detach().copy().requiresGrad(true);
                conv.zeroGrad();
                Tensor apart = conv.forward(xApart);
                for (Module layer : tail) {
                    apart = layer.forward(apart);
                }
                apart.mul(upstream).sum().backward();
                float[] dwApart = conv.weight().grad().data().clone();
                float[] dbApart = conv.bias().grad().data().clone();

                Tensor xFused = x.detach().copy().requiresGrad(true);
                conv.zeroGrad();
                Module.Fused fused = conv.forwardFused(xFused, tail);
                assertNotNull(fused, context);
                assertEquals(tail.size(), fused.layers(), context);
                fused.output().mul(upstream).sum().backward();

                assertArrayEquals(apart.shape().dims(), fused.output().shape().dims(), context);
                assertArrayEquals(apart.data(), fused.output().data(), context + " output");
                assertArrayEquals(xApart.grad().data(), xFused.grad().data(), context + " dx");
                assertArrayEquals(dwApart, conv.weight().grad().data(), context + " dW");
                assertArrayEquals(dbApart, conv.bias().grad().data(), context + " db");

                // Without gradients (inference) too, and a Sequential takes the fused path on its own.
                List<Module> layers = new java.util.ArrayList<>(List.of(conv));
                layers.addAll(tail);
                Sequential model = new Sequential(layers.toArray(new Module[0]));
                try (dev.dendrite.autograd.GradMode.Scope ignored = dev.dendrite.autograd.GradMode.noGrad()) {
                    assertArrayEquals(apart.data(), conv.forwardFused(x, tail).output().data(), context);
                    assertArrayEquals(apart.data(), model.forward(x).data(), context);
                }
            }
        }
    }

    @Test
    void fusesOnlyWhatItCanAndLeavesTheRestToTheLayers() {
        Random random = new Random(33);
        Conv2d conv = new Conv2d(1, 2, 3, random);
        Tensor x = Tensor.uniform(random, -1f, 1f, 2, 1, 6, 6);
        assertNull(conv.forwardFused(x, List.of(new dev.dendrite.nn.activation.LeakyReLU(0.1f))), "only ReLU");
        assertNull(conv.forwardFused(x, List.of(new AvgPool2d(2))), "only max pooling");
        assertNull(conv.forwardFused(x, List.of()));
        assertNull(new ReLU().forwardFused(x, List.of(conv)), "modules fuse nothing by default");
        assertEquals(1, conv.forwardFused(x, List.of(new ReLU(), new Dropout(0.5, new Random(1)))).layers());
        // A window larger than the 4x4 output: the ReLU is fused, the pooling left to say what it expected.
        assertEquals(1, conv.forwardFused(x, List.of(new ReLU(), new MaxPool2d(5))).layers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(conv, new ReLU(), new MaxPool2d(5)).forward(x));
        assertTrue(e.getMessage().startsWith("layers.2: "), e.getMessage());
        // One image [C, H, W] in, one pooled map out.
        Tensor single = conv.forwardFused(Tensor.uniform(random, -1f, 1f, 1, 6, 6), List.of(new ReLU(),
                new MaxPool2d(2))).output();
        assertArrayEquals(new int[] {2, 2, 2}, single.shape().dims());
    }

    @Test
    void theFusedConvolutionReluAndPoolingMatchFiniteDifferences() {
        Random random = new Random(32);
        for (List<Module> tail : fusedTails()) {
            Conv2d conv = new Conv2d(2, 3, 3, 1, "1", 1, true, dev.dendrite.nn.init.He.uniform(), random);
            System.arraycopy(Tensor.uniform(random, -0.3f, 0.3f, 3).data(), 0, conv.bias().data(), 0, 3);
            Tensor x = Tensor.uniform(random, -1f, 1f, 2, 2, 6, 5).requiresGrad(true);
            // A step of 1e-2 moves a convolution output by at most 1e-2 here (|x| <= 1, |w| < 0.6).
            // Finite differences across a kink (ReLU at 0, a change of a window's maximum) measure
            // neither side's slope, so outputs near one are left out of the checked sum: pooled
            // outputs whose window's top two values are within 0.05, or whose maximum is.
            float[] before = conv.forward(x.detach()).data();
            Tensor plain = Tensor.wrap(before, conv.forward(x.detach()).shape().dims());
            Tensor reference = plain;
            for (Module layer : tail) {
                reference = layer.forward(reference);
            }
            float[] keep = new float[reference.size()];
            float[] nearKink = Tensor.wrap(kinkDistance(before), plain.shape().dims()).data();
            Tensor distance = Tensor.wrap(nearKink, plain.shape().dims());
            for (Module layer : tail) {
                if (layer instanceof MaxPool2d) {
                    distance = windowGaps(plain, distance, (MaxPool2d) layer);
                }
            }
            for (int i = 0; i < keep.length; i++) {
                keep[i] = distance.data()[i] < 0.05f ? 0f : 1f;
            }
            Tensor away = Tensor.wrap(keep, reference.shape().dims());
            String mismatch = GradientCheck.standard().check(in -> conv.forwardFused(in[0], tail).output().mul(away),
                    x, conv.weight(), conv.bias());
            assertNull(mismatch, conv + " then " + tail + ": " + mismatch);
        }
    }

    /** Each output's distance from ReLU's kink at 0. */
    private static float[] kinkDistance(float[] values) {
        float[] distance = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            distance[i] = Math.abs(values[i]);
        }
        return distance;
    }

    /**
     * For each output of {@code pool} over {@code plain}: the smaller of the gap between its window's
     * two largest values and the ReLU distance at the window's maximum.
     */
    private static Tensor windowGaps(Tensor plain, Tensor reluDistance, MaxPool2d pool) {
        int[] d = plain.shape().dims();
        Shape out = pool.outputShape(plain.shape());
        float[] gaps = new float[out.size()];
        int oh = out.dim(2);
        int ow = out.dim(3);
        for (int plane = 0; plane < d[0] * d[1]; plane++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    float top = Float.NEGATIVE_INFINITY;
                    float second = Float.NEGATIVE_INFINITY;
                    float topDistance = Float.POSITIVE_INFINITY;
                    for (int i = 0; i < pool.kernel(); i++) {
                        for (int j = 0; j < pool.kernel(); j++) {
                            int h = r * pool.stride() - pool.padding() + i;
                            int w = c * pool.stride() - pool.padding() + j;
                            if (h < 0 || w < 0 || h >= d[2] || w >= d[3]) {
                                continue;
                            }
                            int at = (plane * d[2] + h) * d[3] + w;
                            float v = plain.data()[at];
                            if (v > top) {
                                second = top;
                                top = v;
                                topDistance = reluDistance.data()[at];
                            } else if (v > second) {
                                second = v;
                            }
                        }
                    }
                    gaps[(plane * oh + r) * ow + c] = Math.min(top - second, topDistance);
                }
            }
        }
        return Tensor.wrap(gaps, out.dims());
    }
}
