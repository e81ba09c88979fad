package dev.dendrite.loss;

import static dev.dendrite.loss.LossAssertions.assertGradientChecks;
import static dev.dendrite.loss.LossAssertions.assertRejectsShapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {
    static final float[][] LOGITS = {{1f, 2f, 3f}, {1f, 1f, 1f}};
    static final float[] CLASSES = {2f, 0f};
    static final float[][] ONE_HOT = {{0f, 0f, 1f}, {1f, 0f, 0f}};

    /** softmax of one row, in double, straight from the definition. */
    static double[] softmax(float[] row) {
        double sum = 0;
        for (float z : row) {
            sum += Math.exp(z);
        }
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = Math.exp(row[c]) / sum;
        }
        return out;
    }

    // Row 0: -log(e^3 / (e + e^2 + e^3)) = log(1 + e^-1 + e^-2), about 0.407606.
    // Row 1: all logits equal, so softmax is 1/3 and the loss is log 3, about 1.098612.
    static final double ROW0 = Math.log(1 + Math.exp(-1) + Math.exp(-2));
    static final double ROW1 = Math.log(3);

    @Test
    void classIndicesMeanAndSum() {
        assertEquals(-Math.log(softmax(LOGITS[0])[2]), ROW0, 1e-12);
        Tensor logits = Tensor.matrix(LOGITS).requiresGrad(true);
        Tensor loss = new CrossEntropy().compute(logits, Tensor.vector(CLASSES));
        assertEquals((ROW0 + ROW1) / 2, loss.item(), 1e-6);
        loss.backward();
        assertArrayEquals(expectedGradient(0.5), logits.grad().data(), 1e-6f);
        Tensor summed = Tensor.matrix(LOGITS).requiresGrad(true);
        Tensor total = new CrossEntropy(Reduction.SUM).compute(summed, Tensor.vector(CLASSES));
        assertEquals(ROW0 + ROW1, total.item(), 1e-6);
        total.backward();
        assertArrayEquals(expectedGradient(1.0), summed.grad().data(), 1e-6f);
    }

    @Test
    void oneHotTargetsGiveTheSameLossAndGradient() {
        Tensor logits = Tensor.matrix(LOGITS).requiresGrad(true);
        Tensor loss = new CrossEntropy().compute(logits, Tensor.matrix(ONE_HOT));
        assertEquals((ROW0 + ROW1) / 2, loss.item(), 1e-6);
        loss.backward();
        assertArrayEquals(expectedGradient(0.5), logits.grad().data(), 1e-6f);
    }

    /** (softmax - onehot) * scale, row by row. */
    private static float[] expectedGradient(double scale) {
        float[] out = new float[6];
        for (int i = 0; i < 2; i++) {
            double[] s = softmax(LOGITS[i]);
            for (int c = 0; c < 3; c++) {
                out[i * 3 + c] = (float) (scale * (s[c] - ONE_HOT[i][c]));
            }
        }
        return out;
    }

    @Test
    void probabilityTargetsWeighEachClass() {
        // 0.25 of row 0's mass on class 0 and 0.75 on class 2: loss = sum_c t_c (lse - z_c)
        double lse = 3 + ROW0;
        double expected = 0.25 * (lse - 1) + 0.75 * (lse - 3);
        Tensor loss = new CrossEntropy(Reduction.SUM).compute(Tensor.matrix(LOGITS[0]),
                Tensor.matrix(new float[] {0.25f, 0f, 0.75f}));
        assertEquals(expected, loss.item(), 1e-6);
    }

    @Test
    void gradientChecksWithIndicesOneHotAndProbabilities() {
        Tensor logits = Tensor.uniform(5L, -3f, 3f, 4, 5);
        assertGradientChecks(new CrossEntropy(), logits, Tensor.vector(0f, 4f, 2f, 2f));
        Tensor oneHot = Tensor.zeros(4, 5);
        oneHot.data()[0] = 1f;
        oneHot.data()[9] = 1f;
        oneHot.data()[12] = 1f;
        oneHot.data()[17] = 1f;
        assertGradientChecks(new CrossEntropy(Reduction.SUM), logits, oneHot);
        // soft targets that do not sum to 1, with a gradient for the targets too
        Tensor soft = Tensor.uniform(6L, 0f, 1f, 4, 5).requiresGrad(true);
        assertGradientChecks(new CrossEntropy(), logits, soft);
    }

    @Test
    void staysFiniteAtLargeLogits() {
        Tensor logits = Tensor.matrix(new float[] {1000f, 0f, -1000f}).requiresGrad(true);
        Tensor loss = new CrossEntropy().compute(logits, Tensor.vector(1f));
        assertEquals(1000.0, loss.item(), 1e-3);
        loss.backward();
        assertArrayEquals(new float[] {1f, -1f, 0f}, logits.grad().data(), 1e-6f);
    }

    @Test
    void rejectsBadClassIndices() {
        Tensor logits = Tensor.zeros(2, 3);
        for (float bad : new float[] {3f, -1f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new CrossEntropy().compute(logits, Tensor.vector(0f, bad)));
            assertTrue(error.getMessage().contains("[0, 3)"), error.getMessage());
            assertTrue(error.getMessage().contains("row 1"), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropy().compute(logits, Tensor.matrix(new float[] {0, 1, Float.NaN}, new float[3])));
    }

    @Test
    void rejectsTargetsOfTheWrongShape() {
        assertRejectsShapes(new CrossEntropy(), Tensor.zeros(2, 3), Tensor.zeros(3));
        assertRejectsShapes(new CrossEntropy(), Tensor.zeros(2, 3), Tensor.zeros(2, 4));
        assertRejectsShapes(new CrossEntropy(), Tensor.zeros(2, 3), Tensor.zeros(2, 3, 1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropy().compute(Tensor.zeros(3), Tensor.zeros(3)));
        assertEquals("CrossEntropy: expected logits [N, C], got [3]", error.getMessage());
    }
}
