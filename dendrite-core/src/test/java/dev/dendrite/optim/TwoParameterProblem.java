package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * The tiny problem the optimizer tests step through by hand: two parameter tensors,
 * {@code w = [1, -2]} and {@code b = [0.5]}, and the loss {@code sum((w - [3, 1])^2) + 3 b^2}, whose
 * gradient is {@code [2 (w0 - 3), 2 (w1 - 1), 6 b]}: {@code [-4, -6, 3]} at the start.
 */
final class TwoParameterProblem {
    static final double[] START = {1, -2, 0.5};

    final Tensor w = Tensor.vector(1f, -2f).requiresGrad(true);
    final Tensor b = Tensor.vector(0.5f).requiresGrad(true);

    List<Tensor> parameters() {
        return List.of(w, b);
    }

    /** Backpropagates the loss into fresh gradients and lets {@code optimizer} take one step. */
    void step(Optimizer optimizer) {
        optimizer.zeroGrad();
        Tensor offset = w.sub(Tensor.vector(3f, 1f));
        offset.mul(offset).sum().add(b.mul(b).sum().mul(3f)).backward();
        optimizer.step();
    }

    /** The analytic gradient at {@code x = [w0, w1, b]}, in double. */
    static double[] gradient(double[] x) {
        return new double[] {2 * (x[0] - 3), 2 * (x[1] - 1), 6 * x[2]};
    }

    /** The parameters' values, flattened as {@code [w0, w1, b]}. */
    double[] values() {
        return new double[] {w.data()[0], w.data()[1], b.data()[0]};
    }

    /** Steps {@code optimizer} three times, comparing with {@code reference}, a double-precision update of x. */
    void assertThreeSteps(Optimizer optimizer, Function<double[], double[]> reference) {
        double[] x = START.clone();
        for (int step = 1; step <= 3; step++) {
            step(optimizer);
            x = reference.apply(x);
            assertArrayEquals(x, values(), 1e-5, "after step " + step);
        }
    }

    /**
     * Minimises {@code sum((w - c)^2)} for {@code c = [1, -2, 0.5]} from {@code w = 0} with
     * {@code steps} steps, the learning rate following {@code schedule} over steps, and checks that
     * every element ends within 1e-3 of {@code c}.
     */
    static void assertConverges(Function<List<Tensor>, Optimizer> factory, int steps, LearningRateSchedule schedule) {
        Tensor w = Tensor.zeros(3).requiresGrad(true);
        Tensor c = Tensor.vector(1f, -2f, 0.5f);
        Optimizer optimizer = factory.apply(List.of(w));
        double base = optimizer.learningRate();
        for (int step = 0; step < steps; step++) {
            optimizer.setLearningRate(schedule.learningRate(step, base));
            optimizer.zeroGrad();
            Tensor offset = w.sub(c);
            offset.mul(offset).sum().backward();
            optimizer.step();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(c.data()[i], w.data()[i], 1e-3, optimizer + " element " + i);
        }
    }
}
