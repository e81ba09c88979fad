package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxPool2dTest {
    @TempDir
    Path directory;

    @Test
    void aTwoByTwoWindowWithStrideTwoAndPaddingOneWorkedByHand() {
        Tensor x = Tensor.of(new float[] {
            1, 5, 2, 0,
            3, -1, 8, 4,
            7, 6, -2, 9,
            0, 2, 3, 1}, 1, 1, 4, 4).requiresGrad(true);
        // Padded to 6x6 (padding never wins), windows at stride 2: window (1,1) covers rows 1-2,
        // columns 1-2 = [[-1, 8], [6, -2]] and takes 8; window (0,0) sees only x[0][0] = 1.
        Tensor y = new MaxPool2d(2, 2, 1).forward(x);
        assertValues(new float[] {
            1, 5, 0,
            7, 8, 9,
            0, 3, 1}, new int[] {1, 1, 3, 3}, y);
        // Output gradients 1..9 go to the inputs each window took, nothing elsewhere.
        y.backward(Tensor.arange(1f, 10f, 1f).reshape(1, 1, 3, 3).detach());
        assertValues(new float[] {
            1, 2, 0, 3,
            0, 0, 5, 0,
            4, 0, 0, 6,
            7, 0, 8, 9}, new int[] {1, 1, 4, 4}, x.grad());
    }

    @Test
    void gradientsMatchFiniteDifferencesWhenNoWindowHasATie() {
        // Distinct values 0.1 apart, shuffled, so a step of 0.01 never changes which input wins.
        int[][] configs = {{2, 2, 0}, {3, 2, 1}, {2, 1, 0}, {3, 3, 1}};
        for (int[] config : configs) {
            List<Float> values = new ArrayList<>();
            for (int i = 0; i < 2 * 3 * 7 * 6; i++) {
                values.add(i * 0.1f - 12f);
            }
            Collections.shuffle(values, new Random(config[0] * 10 + config[1]));
            float[] data = new float[values.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = values.get(i);
            }
            MaxPool2d pool = new MaxPool2d(config[0], config[1], config[2]);
            assertGradientsMatch(in -> pool.forward(in[0]), Tensor.of(data, 2, 3, 7, 6).requiresGrad(true));
        }
    }

    @Test
    void aNaNIsNeverHiddenByTheMaximum() {
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 1, 1, 2, 2);
        assertTrue(Float.isNaN(new MaxPool2d(2).forward(x).item()));
    }

    @Test
    void outputShapeAgreesWithForwardAndDefaultsFollowPyTorch() {
        MaxPool2d pool = new MaxPool2d(2);
        assertEquals("MaxPool2d(kernel=2, stride=2, padding=0)", pool.toString());
        Tensor x = Tensor.zeros(4, 32, 13, 13);
        assertEquals(Shape.of(4, 32, 6, 6), pool.outputShape(x.shape()));
        assertEquals(pool.outputShape(x.shape()), pool.forward(x).shape());
    }

    @Test
    void rejectsBadInputsAndHyperparameters() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> new MaxPool2d(2).forward(Tensor.zeros(4, 10)),
                "[N, C, H, W]", "[4, 10]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2), "padding 2");
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(0));
        assertThrowsMentioning(IllegalArgumentException.class, () -> new MaxPool2d(3).forward(Tensor.zeros(1, 1, 2, 2)),
                "[1, 1, 2, 2]");
    }

    @Test
    void roundTripsThroughArchitectureAndModelFiles() {
        Tensor x = Tensor.uniform(new Random(1), -1f, 1f, 2, 3, 8, 8);
        LayerRoundTrip.check(new MaxPool2d(3, 2, 1), x, directory);
        LayerRoundTrip.check(new MaxPool2d(2), x, directory);
    }
}
