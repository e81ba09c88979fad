package dev.dendrite.loss;

import static dev.dendrite.loss.LossAssertions.assertGradientChecks;
import static dev.dendrite.loss.LossAssertions.assertLossAndGradient;
import static dev.dendrite.loss.LossAssertions.assertRejectsShapes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class HuberTest {
    // d = prediction - target = [0, 0.5, 3, -2]
    static final float[] PREDICTION = {0f, 0.5f, 3f, -2f};
    static final float[] TARGET = {0f, 0f, 0f, 0f};

    @Test
    void deltaOneIsQuadraticInsideAndLinearOutside() {
        // values: 0, 0.5 * 0.25 = 0.125, 1 * (3 - 0.5) = 2.5, 1 * (2 - 0.5) = 1.5; sum 4.125
        // gradient: d inside, delta * sign(d) outside, divided by 4 for the mean
        assertLossAndGradient(new Huber(), PREDICTION, TARGET, new int[] {4}, 4.125 / 4,
                new double[] {0, 0.125, 0.25, -0.25});
    }

    @Test
    void deltaTwoMovesTheBend() {
        // values: 0, 0.125, 2 * (3 - 1) = 4, 0.5 * 4 = 2 (|-2| <= delta); sum 6.125
        assertLossAndGradient(new Huber(2.0, Reduction.SUM), PREDICTION, TARGET, new int[] {4}, 6.125,
                new double[] {0, 0.5, 2, -2});
    }

    @Test
    void gradientChecksAwayFromTheBend() {
        Tensor prediction = Tensor.vector(0.3f, -0.7f, 2.5f, -4f, 1.4f, 0f);
        Tensor target = Tensor.vector(0f, 0f, 0f, 0f, 0f, 0.2f);
        assertGradientChecks(new Huber(), prediction, target);
        assertGradientChecks(new Huber(0.5, Reduction.SUM), prediction, target);
    }

    @Test
    void rejectsBadDeltaAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Huber(0));
        assertThrows(IllegalArgumentException.class, () -> new Huber(Double.NaN));
        assertRejectsShapes(new Huber(), Tensor.zeros(3), Tensor.zeros(3, 1));
        assertEquals("Huber(delta=1.0, reduction=MEAN)", new Huber().toString());
    }
}
