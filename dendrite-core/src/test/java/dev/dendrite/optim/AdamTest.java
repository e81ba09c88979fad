package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void firstCorrectedStepMovesEachElementByTheLearningRate() {
        // m = 0.1 g and v = 0.001 g^2; corrected, m/0.1 = g and v/0.001 = g^2, so the step is
        // lr * g / |g| = 0.1 sign(g): x = [1.1, -1.9, 0.4]
        TwoParameterProblem problem = new TwoParameterProblem();
        problem.step(new Adam(problem.parameters(), 0.1));
        assertArrayEquals(new double[] {1.1, -1.9, 0.4}, problem.values(), 1e-6);
    }

    @Test
    void firstUncorrectedStepIsLargerByTheRatioOfCorrections() {
        // m / sqrt(v) = 0.1 g / (sqrt(0.001) |g|) = 3.16228 sign(g), so the step is 0.316228
        TwoParameterProblem problem = new TwoParameterProblem();
        problem.step(new Adam(problem.parameters(), 0.1).biasCorrection(false));
        double step = 0.1 * 0.1 / Math.sqrt(0.001);
        assertEquals(0.316228, step, 1e-6);
        assertArrayEquals(new double[] {1 + step, -2 + step, 0.5 - step}, problem.values(), 1e-6);
    }

    /** The documented rule in double. */
    static double[] reference(double[] x, int t, double[] m, double[] v, double lr, double weightDecay,
            boolean biasCorrection) {
        return reference(x, t, m, v, lr, weightDecay, biasCorrection, 1e-8);
    }

    static double[] reference(double[] x, int t, double[] m, double[] v, double lr, double weightDecay,
            boolean biasCorrection, double eps) {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double[] g = TwoParameterProblem.gradient(x);
        double[] next = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] += weightDecay * x[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double mHat = biasCorrection ? m[i] / (1 - Math.pow(beta1, t)) : m[i];
            double vHat = biasCorrection ? v[i] / (1 - Math.pow(beta2, t)) : v[i];
            next[i] = x[i] - lr * mHat / (Math.sqrt(vHat) + eps);
        }
        return next;
    }

    @Test
    void threeStepsFollowTheDocumentedRuleWithAndWithoutCorrection() {
        for (boolean correct : new boolean[] {true, false}) {
            TwoParameterProblem problem = new TwoParameterProblem();
            double[] m = new double[3];
            double[] v = new double[3];
            int[] t = {0};
            problem.assertThreeSteps(new Adam(problem.parameters(), 0.05).biasCorrection(correct),
                    x -> reference(x, ++t[0], m, v, 0.05, 0, correct));
        }
    }

    @Test
    void l2WeightDecayIsAddedToTheGradient() {
        TwoParameterProblem problem = new TwoParameterProblem();
        double[] m = new double[3];
        double[] v = new double[3];
        int[] t = {0};
        // with a large eps, whose place (outside the root, after correction) then matters
        problem.assertThreeSteps(new Adam(problem.parameters(), 0.05).weightDecay(0.5).epsilon(0.5),
                x -> reference(x, ++t[0], m, v, 0.05, 0.5, true, 0.5));
    }

    @Test
    void convergesOnAQuadratic() {
        TwoParameterProblem.assertConverges(p -> new Adam(p, 0.05), 1000, LearningRateSchedule.constant());
        TwoParameterProblem.assertConverges(p -> new Adam(p, 0.05).biasCorrection(false), 1000,
                LearningRateSchedule.constant());
    }

    @Test
    void validatesOptionsAndDescribesDefaults() {
        List<Tensor> parameters = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> new Adam(parameters).betas(1, 0.999));
        assertThrows(IllegalArgumentException.class, () -> new Adam(parameters).betas(0.9, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(parameters).epsilon(0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(parameters).weightDecay(-1));
        Adam adam = new Adam(parameters);
        assertEquals(1e-3, adam.learningRate());
        assertEquals("Adam(learningRate=0.001, betas=(0.9, 0.999), epsilon=1.0E-8, weightDecay=0.0, "
                + "biasCorrection=true)", adam.toString());
    }
}
