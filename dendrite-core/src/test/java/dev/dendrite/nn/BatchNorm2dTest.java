package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertClose;
import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchNorm2dTest {
    @TempDir
    Path directory;

    private static Tensor image() {
        return Tensor.arange(1f, 17f, 1f).reshape(1, 1, 4, 4).detach().copy();
    }

    @Test
    void oneImageOfOneChannelWorkedByHand() {
        // x = 1..16: mean 8.5, biased variance (16² - 1) / 12 = 21.25, so x = 1 maps to
        // (1 - 8.5) / sqrt(21.25 + 1e-5) = -1.6269781 and x = 16 to +1.6269781.
        BatchNorm2d norm = new BatchNorm2d(1);
        Tensor y = norm.forward(image());
        assertEquals(-1.6269781f, y.data()[0], 1e-6f);
        assertEquals(-0.1084652f, y.data()[7], 1e-6f);
        assertEquals(1.6269781f, y.data()[15], 1e-6f);
        // Running statistics move by momentum 0.1 from (0, 1): the mean to 0.85, the variance with
        // the unbiased estimate 21.25·16/15 = 22.666667 to 0.9 + 2.2666667 = 3.1666667.
        assertEquals(0.85f, norm.runningMean().data()[0], 1e-6f);
        assertEquals(3.1666667f, norm.runningVar().data()[0], 1e-6f);
        // In evaluation mode the running statistics normalise: (16 - 0.85) / sqrt(3.1666667 + 1e-5).
        norm.eval();
        assertEquals(8.5135515f, norm.forward(image()).data()[15], 1e-5f);
        assertEquals(0.85f, norm.runningMean().data()[0], 0f, "evaluation changed the running mean");
    }

    /** PyTorch's semantics written out directly in double, two passes, for comparison. */
    private static double[] reference(float[] x, int n, int c, int plane, float[] gamma, float[] beta,
                                      double[] runningMean, double[] runningVar) {
        double[] y = new double[x.length];
        int count = n * plane;
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (int s = 0; s < n; s++) {
                for (int p = 0; p < plane; p++) {
                    mean += x[(s * c + ch) * plane + p];
                }
            }
            mean /= count;
            double squares = 0;
            for (int s = 0; s < n; s++) {
                for (int p = 0; p < plane; p++) {
                    double d = x[(s * c + ch) * plane + p] - mean;
                    squares += d * d;
                }
            }
            double variance = squares / count;
            for (int s = 0; s < n; s++) {
                for (int p = 0; p < plane; p++) {
                    int i = (s * c + ch) * plane + p;
                    y[i] = gamma[ch] * (x[i] - mean) / Math.sqrt(variance + 1e-5) + beta[ch];
                }
            }
            runningMean[ch] = 0.9 * runningMean[ch] + 0.1 * mean;
            runningVar[ch] = 0.9 * runningVar[ch] + 0.1 * squares / (count - 1);
        }
        return y;
    }

    @Test
    void trainingMatchesATwoPassReferenceOverSeveralStepsEvenFarFromZero() {
        Random random = new Random(5);
        BatchNorm2d norm = new BatchNorm2d(3);
        System.arraycopy(Tensor.uniform(random, 0.5f, 1.5f, 3).data(), 0, norm.weight().data(), 0, 3);
        System.arraycopy(Tensor.uniform(random, -1f, 1f, 3).data(), 0, norm.bias().data(), 0, 3);
        double[] runningMean = new double[3];
        double[] runningVar = {1, 1, 1};
        for (int step = 0; step < 4; step++) {
            // A large offset (1000) beside a small spread: a naive E[x²] - E[x]² in float would lose it.
            Tensor x = Tensor.uniform(random, -1f, 1f, 4, 3, 5, 6).add(step == 3 ? 1000f : 0f);
            double[] expected = reference(x.data(), 4, 3, 30, norm.weight().data(), norm.bias().data(), runningMean,
                    runningVar);
            assertClose(expected, new int[] {4, 3, 5, 6}, norm.forward(x), 2e-3, "step " + step);
            for (int c = 0; c < 3; c++) {
                assertEquals(runningMean[c], norm.runningMean().data()[c], 1e-4 * (1 + Math.abs(runningMean[c])));
                assertEquals(runningVar[c], norm.runningVar().data()[c], 1e-4 * (1 + runningVar[c]));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesInTrainingAndEvaluationModes() {
        Random random = new Random(6);
        BatchNorm2d norm = new BatchNorm2d(3);
        System.arraycopy(Tensor.uniform(random, 0.5f, 1.5f, 3).data(), 0, norm.weight().data(), 0, 3);
        System.arraycopy(Tensor.uniform(random, -1f, 1f, 3).data(), 0, norm.bias().data(), 0, 3);
        Tensor x = Tensor.uniform(random, -2f, 2f, 3, 3, 3, 2).requiresGrad(true);
        assertGradientsMatch(in -> norm.forward(in[0]), x, norm.weight(), norm.bias());
        norm.eval();
        assertGradientsMatch(in -> norm.forward(in[0]), x, norm.weight(), norm.bias());
    }

    @Test
    void noGradTrainingStillUpdatesTheRunningStatisticsAsPyTorchDoes() {
        BatchNorm2d norm = new BatchNorm2d(1);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            norm.forward(image());
        }
        assertEquals(0.85f, norm.runningMean().data()[0], 1e-6f);
    }

    @Test
    void buffersAreNamedAsPyTorchNamesThemAndAreNotParameters() {
        Sequential model = new Sequential(new Conv2d(1, 2, 3, new Random(1)), new BatchNorm2d(2));
        assertEquals(List.of("layers.1.running_mean", "layers.1.running_var"), List.copyOf(model.namedBuffers().keySet()));
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"),
                List.copyOf(model.namedParameters().keySet()));
        assertEquals("BatchNorm2d(2, eps=1.0E-5, momentum=0.1)", model.layers().get(1).toString());
    }

    @Test
    void shapesAndErrors() {
        BatchNorm2d norm = new BatchNorm2d(4);
        assertEquals(Shape.of(2, 4, 3, 3), norm.outputShape(Shape.of(2, 4, 3, 3)));
        assertArrayEquals(new int[] {4, -1, -1}, norm.sampleInputShape());
        assertThrowsMentioning(IllegalArgumentException.class, () -> norm.forward(Tensor.zeros(2, 3, 3, 3)),
                "[N, 4, H, W]", "[2, 3, 3, 3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> norm.forward(Tensor.zeros(1, 4, 1, 1)),
                "more than one value per channel", "[1, 4, 1, 1]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> new BatchNorm2d(0), "features > 0");
        assertThrowsMentioning(IllegalArgumentException.class, () -> new BatchNorm2d(2, 1e-5f, 1.5f), "momentum");
    }

    /** Hyperparameters, parameters and the running statistics (buffers) survive a model file. */
    @Test
    void roundTripsHyperparametersParametersAndRunningStatisticsThroughModelFiles() {
        Random random = new Random(8);
        BatchNorm2d norm = new BatchNorm2d(3, 1e-3f, 0.01f);
        System.arraycopy(Tensor.uniform(random, 0.5f, 1.5f, 3).data(), 0, norm.weight().data(), 0, 3);
        norm.forward(Tensor.uniform(random, -2f, 3f, 4, 3, 4, 4)); // moves the running statistics off 0 and 1
        Sequential loaded = LayerRoundTrip.check(norm, Tensor.uniform(random, -1f, 1f, 2, 3, 4, 4), directory);
        BatchNorm2d reread = (BatchNorm2d) loaded.layers().get(0);
        assertEquals(1e-3f, reread.eps());
        assertEquals(0.01f, reread.momentum());
    }
}
