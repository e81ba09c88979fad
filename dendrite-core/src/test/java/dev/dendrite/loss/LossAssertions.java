package dev.dendrite.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.tensor.Tensor;

/** Checks shared by the loss tests. */
final class LossAssertions {
    private LossAssertions() {
    }

    /** The loss value matches, and backward gives the expected gradient for the prediction. */
    static void assertLossAndGradient(Loss loss, float[] prediction, float[] target, int[] shape,
            double expectedLoss, double[] expectedGradient) {
        Tensor p = Tensor.of(prediction, shape).requiresGrad(true);
        Tensor value = loss.compute(p, Tensor.of(target, shape));
        assertEquals(0, value.rank(), "a loss is a scalar");
        assertEquals(expectedLoss, value.item(), 1e-5 * Math.max(1, Math.abs(expectedLoss)));
        value.backward();
        float[] expected = new float[expectedGradient.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) expectedGradient[i];
        }
        assertArrayEquals(expected, p.grad().data(), 1e-6f);
    }

    /** The backward of {@code loss} agrees with finite differences at {@code prediction}. */
    static void assertGradientChecks(Loss loss, Tensor prediction, Tensor target) {
        prediction.requiresGrad(true);
        assertNull(GradientCheck.standard().check(in -> loss.compute(in[0], in[1]), prediction, target));
    }

    /** compute throws IllegalArgumentException naming both shapes. */
    static void assertRejectsShapes(Loss loss, Tensor prediction, Tensor target) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> loss.compute(prediction, target));
        assertTrue(error.getMessage().startsWith(loss.name() + ": expected"), error.getMessage());
        assertTrue(error.getMessage().contains(prediction.shape().toString()), error.getMessage());
        assertTrue(error.getMessage().contains(target.shape().toString()), error.getMessage());
    }
}
