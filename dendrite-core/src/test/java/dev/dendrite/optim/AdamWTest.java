package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {
    @Test
    void threeStepsFollowTheDocumentedRule() {
        TwoParameterProblem problem = new TwoParameterProblem();
        double lr = 0.05;
        double decay = 0.5;
        double[] m = new double[3];
        double[] v = new double[3];
        int[] t = {0};
        problem.assertThreeSteps(new AdamW(problem.parameters(), lr).weightDecay(decay), x -> {
            double[] shrunk = x.clone();
            for (int i = 0; i < 3; i++) {
                shrunk[i] = x[i] * (1 - lr * decay);
            }
            // the moments see the undecayed gradient at x; the Adam step starts from the shrunk weights
            double[] step = AdamTest.reference(x, ++t[0], m, v, lr, 0, true);
            for (int i = 0; i < 3; i++) {
                shrunk[i] += step[i] - x[i];
            }
            return shrunk;
        });
    }

    @Test
    void decayIsDecoupledFromTheAdaptiveStep() {
        // With a zero gradient, AdamW only shrinks the weight, by 1 - lr * wd = 0.95 ...
        Tensor w = Tensor.vector(2f, -4f).requiresGrad(true);
        AdamW adamW = new AdamW(List.of(w), 0.1).weightDecay(0.5);
        w.mul(0f).sum().backward();
        adamW.step();
        assertArrayEquals(new float[] {1.9f, -3.8f}, w.data(), 1e-6f);
        // ... while Adam's L2 term goes through the normalisation and moves every weight by lr.
        Tensor u = Tensor.vector(2f, -4f).requiresGrad(true);
        Adam adam = new Adam(List.of(u), 0.1).weightDecay(0.5);
        u.mul(0f).sum().backward();
        adam.step();
        assertArrayEquals(new float[] {1.9f, -3.9f}, u.data(), 1e-6f);
    }

    @Test
    void differsFromAdamWithL2OnTheSameProblem() {
        TwoParameterProblem decoupled = new TwoParameterProblem();
        TwoParameterProblem coupled = new TwoParameterProblem();
        AdamW adamW = new AdamW(decoupled.parameters(), 0.05).weightDecay(0.5);
        Adam adam = new Adam(coupled.parameters(), 0.05).weightDecay(0.5);
        for (int i = 0; i < 3; i++) {
            decoupled.step(adamW);
            coupled.step(adam);
        }
        assertTrue(Math.abs(decoupled.values()[1] - coupled.values()[1]) > 1e-3);
    }

    @Test
    void convergesOnAQuadraticWithoutDecay() {
        TwoParameterProblem.assertConverges(p -> new AdamW(p, 0.05).weightDecay(0), 1000,
                LearningRateSchedule.constant());
    }

    @Test
    void validatesOptionsAndDescribesDefaults() {
        List<Tensor> parameters = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(parameters).betas(0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(parameters).weightDecay(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(parameters).epsilon(0));
        AdamW adamW = new AdamW(parameters);
        assertEquals(0.01, adamW.weightDecay());
        assertEquals("AdamW(learningRate=0.001, betas=(0.9, 0.999), epsilon=1.0E-8, weightDecay=0.01)",
                adamW.toString());
    }
}
