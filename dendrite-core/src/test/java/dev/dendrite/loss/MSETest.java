package dev.dendrite.loss;

import static dev.dendrite.loss.LossAssertions.assertGradientChecks;
import static dev.dendrite.loss.LossAssertions.assertLossAndGradient;
import static dev.dendrite.loss.LossAssertions.assertRejectsShapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MSETest {
    // prediction - target = [1, 0, -2]; squares [1, 0, 4] sum to 5.
    static final float[] PREDICTION = {1f, 2f, 3f};
    static final float[] TARGET = {0f, 2f, 5f};

    @Test
    void meanIsTheAverageSquaredError() {
        // d/dp mean(d^2) = 2 d / 3
        assertLossAndGradient(new MSE(), PREDICTION, TARGET, new int[] {3}, 5.0 / 3,
                new double[] {2.0 / 3, 0, -4.0 / 3});
    }

    @Test
    void sumIsTheTotalSquaredError() {
        assertLossAndGradient(new MSE(Reduction.SUM), PREDICTION, TARGET, new int[] {3, 1}, 5.0,
                new double[] {2, 0, -4});
    }

    @Test
    void gradientChecks() {
        Tensor prediction = Tensor.uniform(1L, -2f, 2f, 4, 3);
        Tensor target = Tensor.uniform(2L, -2f, 2f, 4, 3);
        assertGradientChecks(new MSE(), prediction, target);
        assertGradientChecks(new MSE(Reduction.SUM), prediction, target);
    }

    @Test
    void hasTheBitsOfTheSameArithmeticAsSeparateOps() {
        for (Reduction reduction : Reduction.values()) {
            Tensor prediction = Tensor.uniform(3L, -2f, 2f, 50, 1).requiresGrad(true);
            Tensor target = Tensor.uniform(4L, -2f, 2f, 50, 1).requiresGrad(true);
            Tensor fused = new MSE(reduction).compute(prediction, target);
            fused.backward();
            float[] predictionGrad = prediction.grad().data().clone();
            float[] targetGrad = target.grad().data().clone();
            prediction.zeroGrad();
            target.zeroGrad();

            Tensor difference = prediction.sub(target);
            Tensor squares = difference.mul(difference);
            Tensor composed = reduction == Reduction.MEAN ? squares.mean() : squares.sum();
            composed.backward();
            assertEquals(Float.floatToIntBits(composed.item()), Float.floatToIntBits(fused.item()), reduction.name());
            assertArrayEquals(prediction.grad().data(), predictionGrad, reduction.name());
            assertArrayEquals(target.grad().data(), targetGrad, reduction.name());
        }
    }

    @Test
    void rejectsATargetOfAnotherShapeInsteadOfBroadcasting() {
        assertRejectsShapes(new MSE(), Tensor.zeros(32, 1), Tensor.zeros(32));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new MSE().compute(Tensor.zeros(32, 1), Tensor.zeros(32)));
        assertEquals("MSE: expected target [32, 1], got [32]", error.getMessage());
    }

    @Test
    void rejectsAnEmptyBatch() {
        assertThrows(IllegalArgumentException.class, () -> new MSE().compute(Tensor.zeros(0, 1), Tensor.zeros(0, 1)));
    }

    @Test
    void describesItself() {
        assertEquals("MSE", new MSE().name());
        assertEquals("MSE(reduction=SUM)", new MSE(Reduction.SUM).toString());
    }
}
