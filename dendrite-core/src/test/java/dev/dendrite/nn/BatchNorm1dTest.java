package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertClose;
import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchNorm1dTest {
    @TempDir
    Path directory;

    @Test
    void twoFeaturesOverFourSamplesWorkedByHand() {
        // Feature 0: 1, 2, 3, 4 (mean 2.5, biased variance 1.25); feature 1: 10 everywhere
        // (variance 0, so it maps to β = 0). γ = 2: (1 - 2.5)·2 / sqrt(1.25 + 1e-5) = -2.6832708.
        BatchNorm1d norm = new BatchNorm1d(2);
        norm.weight().data()[0] = 2f;
        Tensor x = Tensor.of(new float[] {1, 10, 2, 10, 3, 10, 4, 10}, 4, 2);
        assertClose(new double[] {-2.6832708, 0, -0.8944236, 0, 0.8944236, 0, 2.6832708, 0}, new int[] {4, 2},
                norm.forward(x), 1e-6);
        // Running mean (0.25, 1.0); running variance 0.9 + 0.1·(1.25·4/3) = 1.0666667, and 0.9 for feature 1.
        assertArrayEquals(new float[] {0.25f, 1f}, norm.runningMean().data(), 1e-6f);
        assertArrayEquals(new float[] {1.0666667f, 0.9f}, norm.runningVar().data(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesForMatricesAndSequences() {
        Random random = new Random(2);
        BatchNorm1d norm = new BatchNorm1d(4);
        System.arraycopy(Tensor.uniform(random, 0.5f, 1.5f, 4).data(), 0, norm.weight().data(), 0, 4);
        assertGradientsMatch(in -> norm.forward(in[0]), Tensor.uniform(random, -2f, 2f, 5, 4).requiresGrad(true),
                norm.weight(), norm.bias());
        assertGradientsMatch(in -> norm.forward(in[0]), Tensor.uniform(random, -2f, 2f, 3, 4, 3).requiresGrad(true),
                norm.weight(), norm.bias());
        norm.eval();
        assertGradientsMatch(in -> norm.forward(in[0]), Tensor.uniform(random, -2f, 2f, 5, 4).requiresGrad(true),
                norm.weight(), norm.bias());
    }

    @Test
    void evaluationUsesTheRunningStatisticsAndLeavesThemAlone() {
        BatchNorm1d norm = new BatchNorm1d(1);
        norm.runningMean().data()[0] = 3f;
        norm.runningVar().data()[0] = 4f - 1e-5f;
        norm.eval();
        // (x - 3) / 2 for every sample on its own, whatever the rest of the batch holds.
        assertValues(new float[] {-1, 0, 1.5f}, new int[] {3, 1}, norm.forward(Tensor.of(new float[] {1, 3, 6}, 3, 1)));
        assertEquals(3f, norm.runningMean().data()[0]);
    }

    @Test
    void shapesAndErrors() {
        BatchNorm1d norm = new BatchNorm1d(3);
        assertEquals(Shape.of(5, 3), norm.outputShape(Shape.of(5, 3)));
        assertArrayEquals(new int[] {3}, norm.sampleInputShape());
        assertThrowsMentioning(IllegalArgumentException.class, () -> norm.forward(Tensor.zeros(5, 4)), "[N, 3]",
                "[5, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> norm.forward(Tensor.zeros(1, 3)),
                "more than one value per channel");
    }

    @Test
    void roundTripsHyperparametersAndParametersThroughArchitectureAndModelFiles() {
        BatchNorm1d norm = new BatchNorm1d(3);
        norm.bias().data()[2] = 0.5f;
        LayerRoundTrip.check(norm, Tensor.uniform(new Random(1), -1f, 1f, 4, 3), directory);
    }
}
