package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SGDTest {
    @Test
    void plainStepsByHand() {
        TwoParameterProblem problem = new TwoParameterProblem();
        SGD sgd = new SGD(problem.parameters(), 0.1);
        // step 1: g = [-4, -6, 3]        -> x = [1 + 0.4, -2 + 0.6, 0.5 - 0.3] = [1.4, -1.4, 0.2]
        // step 2: g = [-3.2, -4.8, 1.2]  -> x = [1.72, -0.92, 0.08]
        // step 3: g = [-2.56, -3.84, 0.48] -> x = [1.976, -0.536, 0.032]
        double[][] expected = {{1.4, -1.4, 0.2}, {1.72, -0.92, 0.08}, {1.976, -0.536, 0.032}};
        for (double[] x : expected) {
            problem.step(sgd);
            assertArrayEquals(x, problem.values(), 1e-6);
        }
    }

    @Test
    void aLargeParameterSplitOverThreadsGetsTheBitsOfOneThread() {
        int savedThreads = dev.dendrite.tensor.kernel.Gemm.threads();
        try {
            float[][] results = new float[3][];
            for (int threads = 1; threads <= 3; threads++) {
                dev.dendrite.tensor.kernel.Gemm.setThreads(threads);
                // 70 001 elements: many ranges and a short last one; momentum and decay on
                Tensor w = Tensor.uniform(7L, -1f, 1f, 70_001).requiresGrad(true);
                Tensor c = Tensor.uniform(8L, -1f, 1f, 70_001);
                SGD sgd = new SGD(List.of(w), 0.05).momentum(0.9).nesterov(true).weightDecay(0.01);
                for (int step = 0; step < 3; step++) {
                    sgd.zeroGrad();
                    w.mul(w).mul(c).sum().backward();
                    sgd.step();
                }
                results[threads - 1] = w.data().clone();
            }
            assertArrayEquals(results[0], results[1]);
            assertArrayEquals(results[0], results[2]);
        } finally {
            dev.dendrite.tensor.kernel.Gemm.setThreads(savedThreads);
        }
    }

    /** The documented rule in double, with buffer b. */
    private static final class Reference {
        final double lr;
        final double momentum;
        final double dampening;
        final boolean nesterov;
        final double weightDecay;
        double[] buffer;

        Reference(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
            this.lr = lr;
            this.momentum = momentum;
            this.dampening = dampening;
            this.nesterov = nesterov;
            this.weightDecay = weightDecay;
        }

        double[] step(double[] x) {
            double[] g = TwoParameterProblem.gradient(x);
            double[] next = new double[x.length];
            boolean first = buffer == null;
            if (first) {
                buffer = new double[x.length];
            }
            for (int i = 0; i < x.length; i++) {
                g[i] += weightDecay * x[i];
                buffer[i] = first ? g[i] : momentum * buffer[i] + (1 - dampening) * g[i];
                double direction = nesterov ? g[i] + momentum * buffer[i] : buffer[i];
                next[i] = x[i] - lr * direction;
            }
            return next;
        }
    }

    @Test
    void momentumFollowsTheDocumentedRule() {
        TwoParameterProblem problem = new TwoParameterProblem();
        Reference reference = new Reference(0.05, 0.9, 0, false, 0);
        problem.assertThreeSteps(new SGD(problem.parameters(), 0.05).momentum(0.9), reference::step);
    }

    @Test
    void nesterovFollowsTheDocumentedRuleAndDiffersFromPlainMomentum() {
        TwoParameterProblem problem = new TwoParameterProblem();
        Reference reference = new Reference(0.05, 0.9, 0, true, 0);
        problem.assertThreeSteps(new SGD(problem.parameters(), 0.05).momentum(0.9).nesterov(true), reference::step);
        TwoParameterProblem plain = new TwoParameterProblem();
        SGD momentum = new SGD(plain.parameters(), 0.05).momentum(0.9);
        for (int i = 0; i < 3; i++) {
            plain.step(momentum);
        }
        // after three steps the two differ by more than rounding: nesterov looks one step ahead
        assertTrue(Math.abs(plain.values()[0] - problem.values()[0]) > 0.05);
    }

    @Test
    void dampeningAndWeightDecayFollowTheDocumentedRule() {
        TwoParameterProblem problem = new TwoParameterProblem();
        Reference reference = new Reference(0.05, 0.8, 0.3, false, 0.1);
        problem.assertThreeSteps(new SGD(problem.parameters(), 0.05).momentum(0.8).dampening(0.3).weightDecay(0.1),
                reference::step);
    }

    @Test
    void convergesOnAQuadratic() {
        TwoParameterProblem.assertConverges(p -> new SGD(p, 0.1), 100, LearningRateSchedule.constant());
        TwoParameterProblem.assertConverges(p -> new SGD(p, 0.02).momentum(0.9), 400, LearningRateSchedule.constant());
        TwoParameterProblem.assertConverges(p -> new SGD(p, 0.02).momentum(0.9).nesterov(true), 400,
                LearningRateSchedule.constant());
    }

    @Test
    void validatesOptions() {
        List<Tensor> parameters = List.of(Tensor.zeros(2).requiresGrad(true));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SGD(parameters, 0.1).nesterov(true));
        assertTrue(error.getMessage().startsWith("SGD: expected momentum > 0"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(parameters, 0.1).momentum(0.9).dampening(0.1)
                .nesterov(true));
        assertThrows(IllegalArgumentException.class, () -> new SGD(parameters, 0.1).momentum(0.9).nesterov(true)
                .momentum(0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(parameters, 0.1).momentum(1.0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(parameters, 0.1).momentum(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(parameters, 0.1).dampening(1.5));
        assertThrows(IllegalArgumentException.class, () -> new SGD(parameters, 0.1).weightDecay(-1e-4));
        assertThrows(IllegalArgumentException.class, () -> new SGD(parameters, -0.1));
        SGD sgd = new SGD(parameters, 0.1).momentum(0.9).nesterov(true).weightDecay(1e-4);
        assertEquals("SGD(learningRate=0.1, momentum=0.9, dampening=0.0, nesterov=true, weightDecay=1.0E-4)",
                sgd.toString());
    }
}
