package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every optimizer shares: the parameter list, skipping missing gradients, the learning rate. */
class OptimizerTest {
    @Test
    void skipsParametersWithoutAGradientAndKeepsTheirState() {
        Tensor used = Tensor.vector(1f).requiresGrad(true);
        Tensor unused = Tensor.vector(5f).requiresGrad(true);
        Adam adam = new Adam(List.of(used, unused), 0.1);
        for (int i = 0; i < 3; i++) {
            adam.zeroGrad();
            used.mul(used).sum().backward();
            adam.step();
        }
        assertEquals(5f, unused.data()[0]);
        assertNull(unused.grad());
        // its first real step is a corrected first step (t = 1), moving it by exactly lr
        adam.zeroGrad();
        unused.mul(unused).sum().backward();
        adam.step();
        assertEquals(4.9f, unused.data()[0], 1e-6f);
    }

    @Test
    void zeroGradForgetsEveryGradient() {
        TwoParameterProblem problem = new TwoParameterProblem();
        SGD sgd = new SGD(problem.parameters(), 0.1);
        problem.step(sgd);
        assertArrayEquals(new float[] {-4f, -6f}, problem.w.grad().data(), 1e-6f); // taken at the start
        sgd.zeroGrad();
        assertNull(problem.w.grad());
        assertNull(problem.b.grad());
        sgd.step(); // nothing to do without gradients
        assertArrayEquals(new double[] {1.4, -1.4, 0.2}, problem.values(), 1e-6);
    }

    @Test
    void learningRateCanBeChangedBetweenSteps() {
        TwoParameterProblem problem = new TwoParameterProblem();
        SGD sgd = new SGD(problem.parameters(), 0.1);
        sgd.setLearningRate(0.0);
        problem.step(sgd);
        assertArrayEquals(TwoParameterProblem.START, problem.values(), 0);
        sgd.setLearningRate(0.05);
        assertEquals(0.05, sgd.learningRate());
        problem.step(sgd);
        assertArrayEquals(new double[] {1.2, -1.7, 0.35}, problem.values(), 1e-6); // x - 0.05 [-4, -6, 3]
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsParameterListsItCannotOptimise() {
        Tensor w = Tensor.zeros(2).requiresGrad(true);
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new SGD(List.of(w, w), 0.1));
        assertTrue(twice.getMessage().contains("indices 0 and 1"), twice.getMessage());
        IllegalArgumentException frozen = assertThrows(IllegalArgumentException.class,
                () -> new Adam(List.of(w, Tensor.zeros(3, 4))));
        assertTrue(frozen.getMessage().startsWith("Adam: expected leaf tensors"), frozen.getMessage());
        assertTrue(frozen.getMessage().contains("[3, 4]"), frozen.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(w.mul(2f)), 0.1));
        List<Tensor> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> new SGD(withNull, 0.1));
    }

    @Test
    void keepsItsOwnCopyOfTheList() {
        Tensor w = Tensor.zeros(2).requiresGrad(true);
        List<Tensor> parameters = new ArrayList<>(List.of(w));
        SGD sgd = new SGD(parameters, 0.1);
        parameters.clear();
        assertEquals(List.of(w), sgd.parameters());
        assertThrows(UnsupportedOperationException.class, () -> sgd.parameters().clear());
    }
}
