package dev.dendrite.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PenaltyTest {
    @Test
    void l1IsLambdaTimesTheSumOfAbsoluteValues() {
        Tensor w = Tensor.vector(1f, -2f).requiresGrad(true);
        Tensor b = Tensor.vector(3f).requiresGrad(true);
        Tensor penalty = Penalty.l1(List.of(w, b), 0.1);
        assertEquals(0.6, penalty.item(), 1e-6); // 0.1 * (1 + 2 + 3)
        penalty.backward();
        assertArrayEquals(new float[] {0.1f, -0.1f}, w.grad().data(), 1e-7f);
        assertArrayEquals(new float[] {0.1f}, b.grad().data(), 1e-7f);
    }

    @Test
    void l2IsLambdaTimesTheSumOfSquares() {
        Tensor w = Tensor.vector(1f, -2f).requiresGrad(true);
        Tensor b = Tensor.vector(3f).requiresGrad(true);
        Tensor penalty = Penalty.l2(List.of(w, b), 0.1);
        assertEquals(1.4, penalty.item(), 1e-6); // 0.1 * (1 + 4 + 9)
        penalty.backward();
        assertArrayEquals(new float[] {0.2f, -0.4f}, w.grad().data(), 1e-6f); // 2 * lambda * w
        assertArrayEquals(new float[] {0.6f}, b.grad().data(), 1e-6f);
    }

    @Test
    void gradientChecksAndAddsToALoss() {
        Tensor w = Tensor.uniform(7L, -1f, 1f, 3, 2).requiresGrad(true);
        assertNull(GradientCheck.standard().check(in -> Penalty.l2(List.of(in[0]), 0.3), w));
        Tensor loss = new MSE().compute(w, Tensor.zeros(3, 2)).add(Penalty.l2(List.of(w), 0.5));
        assertEquals(0, loss.rank());
    }

    @Test
    void emptyListIsZeroAndNegativeLambdaIsRejected() {
        assertEquals(0f, Penalty.l1(List.of(), 0.1).item());
        assertThrows(IllegalArgumentException.class, () -> Penalty.l2(List.of(), -1));
    }
}
