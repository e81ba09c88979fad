package dev.dendrite.loss;

import static dev.dendrite.loss.LossAssertions.assertGradientChecks;
import static dev.dendrite.loss.LossAssertions.assertLossAndGradient;
import static dev.dendrite.loss.LossAssertions.assertRejectsShapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {
    static final float[] LOGITS = {0f, 2f, -1f, 0.5f};
    static final float[] LABELS = {1f, 0f, 1f, 0.25f};

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The textbook definition, -(t log p + (1 - t) log(1 - p)), fine in double at small logits. */
    static double naive(double z, double t) {
        double p = sigmoid(z);
        return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }

    @Test
    void meanMatchesTheTextbookDefinition() {
        double total = 0;
        double[] gradient = new double[LOGITS.length];
        for (int i = 0; i < LOGITS.length; i++) {
            total += naive(LOGITS[i], LABELS[i]);
            gradient[i] = (sigmoid(LOGITS[i]) - LABELS[i]) / LOGITS.length;
        }
        // first element by hand: sigmoid(0) = 1/2, so -log(1/2) = log 2
        assertEquals(Math.log(2), naive(0, 1), 1e-12);
        assertLossAndGradient(new BinaryCrossEntropy(), LOGITS, LABELS, new int[] {4, 1}, total / 4, gradient);
    }

    @Test
    void sumMatchesTheTextbookDefinition() {
        double total = 0;
        double[] gradient = new double[LOGITS.length];
        for (int i = 0; i < LOGITS.length; i++) {
            total += naive(LOGITS[i], LABELS[i]);
            gradient[i] = sigmoid(LOGITS[i]) - LABELS[i];
        }
        assertLossAndGradient(new BinaryCrossEntropy(Reduction.SUM), LOGITS, LABELS, new int[] {4}, total, gradient);
    }

    @Test
    void staysFiniteAndExactAtLargeLogits() {
        // confidently wrong costs |z| = 100; confidently right costs log1p(e^-100), about 0
        Tensor logits = Tensor.vector(100f, -100f, 100f, -100f).requiresGrad(true);
        Tensor labels = Tensor.vector(0f, 1f, 1f, 0f);
        Tensor loss = new BinaryCrossEntropy().compute(logits, labels);
        assertEquals(50.0, loss.item(), 1e-4);
        loss.backward();
        // (sigmoid(z) - t) / 4
        assertArrayEquals(new float[] {0.25f, -0.25f, 0f, 0f}, logits.grad().data(), 1e-6f);
        Tensor extreme = new BinaryCrossEntropy(Reduction.SUM).compute(Tensor.vector(1e4f, -1e4f),
                Tensor.vector(0f, 0f));
        assertEquals(1e4, extreme.item(), 1e-2);
    }

    @Test
    void gradientChecksForLogitsAndTargets() {
        Tensor logits = Tensor.uniform(3L, -4f, 4f, 3, 2);
        Tensor soft = Tensor.uniform(4L, 0f, 1f, 3, 2).requiresGrad(true);
        assertGradientChecks(new BinaryCrossEntropy(), logits, soft);
        assertGradientChecks(new BinaryCrossEntropy(Reduction.SUM), logits,
                Tensor.of(new float[] {0, 1, 1, 0, 1, 0}, 3, 2));
    }

    @Test
    void rejectsLabelsOutsideZeroOneAndOtherShapes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossEntropy().compute(Tensor.zeros(2), Tensor.vector(1f, 2f)));
        assertTrue(error.getMessage().contains("[0, 1]"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossEntropy().compute(Tensor.zeros(2), Tensor.vector(1f, Float.NaN)));
        assertRejectsShapes(new BinaryCrossEntropy(), Tensor.zeros(8, 1), Tensor.zeros(8));
    }
}
