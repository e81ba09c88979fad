package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropoutTest {
    @Test
    void trainingZeroesAboutPAndScalesTheRestSoTheMeanIsKept() {
        Dropout dropout = new Dropout(0.25, new Random(1));
        Tensor y = dropout.forward(Tensor.ones(100, 100));
        int zeros = 0;
        for (float v : y.data()) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(1f / 0.75f, v, 1e-6f);
            }
        }
        assertEquals(0.25, zeros / 10000.0, 0.02);
        assertEquals(1.0, y.mean().item(), 0.03);
    }

    @Test
    void evaluationPassesInputsThrough() {
        Dropout dropout = new Dropout(0.5, new Random(1));
        dropout.eval();
        Tensor x = Tensor.ones(3, 3);
        assertSame(x, dropout.forward(x));
    }

    @Test
    void theGradientIsTheSameMask() {
        Dropout dropout = new Dropout(0.5, new Random(2));
        Tensor x = Tensor.ones(4, 5).requiresGrad(true);
        Tensor y = dropout.forward(x);
        y.sum().backward();
        assertArrayEquals(y.toArray(), x.grad().toArray());
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, new Random(1)));
    }

    @Test
    void evalAndTrainReachChildren() {
        Dropout dropout = new Dropout(0.5, new Random(1));
        Sequential model = new Sequential(new Dense(2, 2, new Random(1)), dropout);
        model.eval();
        assertEquals(false, dropout.isTraining());
        model.train();
        assertEquals(true, dropout.isTraining());
    }
}
