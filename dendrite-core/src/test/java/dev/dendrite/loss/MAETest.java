package dev.dendrite.loss;

import static dev.dendrite.loss.LossAssertions.assertGradientChecks;
import static dev.dendrite.loss.LossAssertions.assertLossAndGradient;
import static dev.dendrite.loss.LossAssertions.assertRejectsShapes;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MAETest {
    // prediction - target = [1, 0, -2, 0.5]; absolute values sum to 3.5.
    static final float[] PREDICTION = {1f, 2f, 3f, 0f};
    static final float[] TARGET = {0f, 2f, 5f, -0.5f};

    @Test
    void meanIsTheAverageAbsoluteError() {
        // d/dp mean|d| = sign(d) / 4, and 0 where the prediction is exact
        assertLossAndGradient(new MAE(), PREDICTION, TARGET, new int[] {2, 2}, 3.5 / 4,
                new double[] {0.25, 0, -0.25, 0.25});
    }

    @Test
    void sumIsTheTotalAbsoluteError() {
        assertLossAndGradient(new MAE(Reduction.SUM), PREDICTION, TARGET, new int[] {4}, 3.5,
                new double[] {1, 0, -1, 1});
    }

    @Test
    void gradientChecksAwayFromTheKink() {
        // every |prediction - target| is well above the finite-difference step
        Tensor prediction = Tensor.vector(0.5f, -1f, 2f, 0.3f);
        Tensor target = Tensor.vector(0f, 0.2f, -1f, 1f);
        assertGradientChecks(new MAE(), prediction, target);
        assertGradientChecks(new MAE(Reduction.SUM), prediction, target);
    }

    @Test
    void rejectsATargetOfAnotherShape() {
        assertRejectsShapes(new MAE(), Tensor.zeros(4, 2), Tensor.zeros(2, 4));
    }
}
