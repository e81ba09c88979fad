package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RMSPropTest {
    @Test
    void firstStepIsTenTimesTheLearningRateWithDefaultAlpha() {
        // v = 0.01 g^2, so g / sqrt(v) = 10 sign(g): x = [1 + 0.1, -2 + 0.1, 0.5 - 0.1]
        TwoParameterProblem problem = new TwoParameterProblem();
        problem.step(new RMSProp(problem.parameters(), 0.01));
        assertArrayEquals(new double[] {1.1, -1.9, 0.4}, problem.values(), 1e-6);
    }

    @Test
    void threeStepsFollowTheDocumentedRule() {
        TwoParameterProblem problem = new TwoParameterProblem();
        double lr = 0.01;
        double alpha = 0.9;
        double[] v = new double[3];
        problem.assertThreeSteps(new RMSProp(problem.parameters(), lr).alpha(alpha), x -> {
            double[] g = TwoParameterProblem.gradient(x);
            double[] next = new double[3];
            for (int i = 0; i < 3; i++) {
                v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
                next[i] = x[i] - lr * g[i] / (Math.sqrt(v[i]) + 1e-8);
            }
            return next;
        });
    }

    @Test
    void threeStepsWithMomentumFollowTheDocumentedRule() {
        TwoParameterProblem problem = new TwoParameterProblem();
        double lr = 0.01;
        double mu = 0.5;
        double[] v = new double[3];
        double[] buffer = new double[3];
        // a large eps pins down where it goes: outside the square root
        problem.assertThreeSteps(new RMSProp(problem.parameters(), lr).momentum(mu).epsilon(0.5), x -> {
            double[] g = TwoParameterProblem.gradient(x);
            double[] next = new double[3];
            for (int i = 0; i < 3; i++) {
                v[i] = 0.99 * v[i] + 0.01 * g[i] * g[i];
                buffer[i] = mu * buffer[i] + g[i] / (Math.sqrt(v[i]) + 0.5);
                next[i] = x[i] - lr * buffer[i];
            }
            return next;
        });
    }

    @Test
    void convergesOnAQuadratic() {
        // a constant rate leaves RMSProp hovering about lr from the minimum, so the rate decays
        TwoParameterProblem.assertConverges(p -> new RMSProp(p, 0.01), 2000, new ExponentialDecay(0.998));
    }

    @Test
    void validatesOptionsAndDescribesDefaults() {
        List<Tensor> parameters = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> new RMSProp(parameters).alpha(1));
        assertThrows(IllegalArgumentException.class, () -> new RMSProp(parameters).epsilon(-1));
        assertThrows(IllegalArgumentException.class, () -> new RMSProp(parameters).momentum(1));
        assertEquals("RMSProp(learningRate=0.01, alpha=0.99, epsilon=1.0E-8, momentum=0.0)",
                new RMSProp(parameters).toString());
    }
}
