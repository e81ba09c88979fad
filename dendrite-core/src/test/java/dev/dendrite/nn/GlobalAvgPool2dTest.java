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

class GlobalAvgPool2dTest {
    @TempDir
    Path directory;

    @Test
    void theMeanOfEachChannelWorkedByHand() {
        // Channel 0 is 1..16 (mean 8.5); channel 1 is 1..16 doubled (mean 17).
        float[] data = new float[32];
        for (int i = 0; i < 16; i++) {
            data[i] = i + 1;
            data[16 + i] = 2 * (i + 1);
        }
        Tensor x = Tensor.of(data, 1, 2, 4, 4).requiresGrad(true);
        Tensor y = new GlobalAvgPool2d().forward(x);
        assertValues(new float[] {8.5f, 17f}, new int[] {1, 2}, y);
        y.backward(Tensor.of(new float[] {16, 32}, 1, 2));
        float[] expected = new float[32];
        java.util.Arrays.fill(expected, 0, 16, 1f);
        java.util.Arrays.fill(expected, 16, 32, 2f);
        assertValues(expected, new int[] {1, 2, 4, 4}, x.grad());
    }

    @Test
    void gradientsMatchFiniteDifferencesAndShapesAgree() {
        GlobalAvgPool2d pool = new GlobalAvgPool2d();
        Tensor x = Tensor.uniform(new Random(3), -1f, 1f, 3, 4, 5, 2).requiresGrad(true);
        assertGradientsMatch(in -> pool.forward(in[0]), x);
        assertEquals(Shape.of(3, 4), pool.outputShape(x.shape()));
        assertEquals(Shape.of(3, 4), pool.forward(x).shape());
        assertThrowsMentioning(IllegalArgumentException.class, () -> pool.forward(Tensor.zeros(3, 4)), "[3, 4]");
        assertEquals("GlobalAvgPool2d()", pool.toString());
    }

    @Test
    void roundTripsThroughArchitectureAndModelFiles() {
        LayerRoundTrip.check(new GlobalAvgPool2d(), Tensor.uniform(new Random(2), -1f, 1f, 2, 3, 5, 5), directory);
    }
}
