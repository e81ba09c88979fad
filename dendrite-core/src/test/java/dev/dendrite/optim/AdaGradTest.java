package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaGradTest {
    @Test
    void firstStepMovesEachElementByTheLearningRate() {
        // sum = g^2, so g / sqrt(sum) = sign(g): x = [1 + 0.5, -2 + 0.5, 0.5 - 0.5]
        TwoParameterProblem problem = new TwoParameterProblem();
        problem.step(new AdaGrad(problem.parameters(), 0.5));
        assertArrayEquals(new double[] {1.5, -1.5, 0.0}, problem.values(), 1e-6);
    }

    @Test
    void threeStepsFollowTheDocumentedRule() {
        TwoParameterProblem problem = new TwoParameterProblem();
        double lr = 0.3;
        double eps = 0.5; // large, so that its place in the formula matters
        double[] sum = new double[3];
        problem.assertThreeSteps(new AdaGrad(problem.parameters(), lr).epsilon(eps), x -> {
            double[] g = TwoParameterProblem.gradient(x);
            double[] next = new double[3];
            for (int i = 0; i < 3; i++) {
                sum[i] += g[i] * g[i];
                next[i] = x[i] - lr * g[i] / (Math.sqrt(sum[i]) + eps);
            }
            return next;
        });
    }

    @Test
    void convergesOnAQuadratic() {
        TwoParameterProblem.assertConverges(p -> new AdaGrad(p, 1.0), 300, LearningRateSchedule.constant());
    }

    @Test
    void validatesOptions() {
        List<Tensor> parameters = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> new AdaGrad(parameters).epsilon(0));
        assertThrows(IllegalArgumentException.class, () -> new AdaGrad(parameters, Double.NaN));
    }
}
