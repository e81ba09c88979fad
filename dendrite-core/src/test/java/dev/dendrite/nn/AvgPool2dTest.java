package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvgPool2dTest {
    @TempDir
    Path directory;

    @Test
    void aTwoByTwoWindowWithStrideTwoAndPaddingOneWorkedByHand() {
        Tensor x = Tensor.arange(1f, 17f, 1f).reshape(1, 1, 4, 4).detach().copy().requiresGrad(true);
        // Padding counts as zeros and every window divides by 4: window (0,0) = (0+0+0+1)/4,
        // window (1,1) = (6+7+10+11)/4 = 8.5, window (1,0) = (5+9)/4 = 3.5.
        Tensor y = new AvgPool2d(2, 2, 1).forward(x);
        assertValues(new float[] {
            0.25f, 1.25f, 1f,
            3.5f, 8.5f, 5f,
            3.25f, 7.25f, 4f}, new int[] {1, 1, 3, 3}, y);
        // Every pixel lies in exactly one window, so each gets a quarter of its window's gradient.
        y.backward(Tensor.ones(1, 1, 3, 3));
        float[] quarter = new float[16];
        java.util.Arrays.fill(quarter, 0.25f);
        assertValues(quarter, new int[] {1, 1, 4, 4}, x.grad());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random random = new Random(4);
        int[][] configs = {{2, 2, 0}, {3, 2, 1}, {2, 1, 1}, {3, 1, 0}};
        for (int[] config : configs) {
            AvgPool2d pool = new AvgPool2d(config[0], config[1], config[2]);
            assertGradientsMatch(in -> pool.forward(in[0]),
                    Tensor.uniform(random, -1f, 1f, 2, 2, 6, 7).requiresGrad(true));
        }
    }

    @Test
    void outputShapeAgreesWithForward() {
        AvgPool2d pool = new AvgPool2d(3, 2, 1);
        assertEquals("AvgPool2d(kernel=3, stride=2, padding=1)", pool.toString());
        Tensor x = Tensor.zeros(2, 4, 9, 8);
        assertEquals(Shape.of(2, 4, 5, 4), pool.outputShape(x.shape()));
        assertEquals(pool.outputShape(x.shape()), pool.forward(x).shape());
        assertThrowsMentioning(IllegalArgumentException.class, () -> pool.forward(Tensor.zeros(2, 9)), "[2, 9]");
    }

    @Test
    void roundTripsThroughArchitectureAndModelFiles() {
        LayerRoundTrip.check(new AvgPool2d(2, 1, 1), Tensor.uniform(new Random(2), -1f, 1f, 2, 3, 5, 5), directory);
    }
}
