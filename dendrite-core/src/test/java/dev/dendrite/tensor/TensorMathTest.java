package dev.dendrite.tensor;

import static dev.dendrite.testing.TensorAssert.assertClose;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.Elementwise;
import dev.dendrite.testing.RandomShapes;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The element-wise math functions: hand-computed values and a reference loop on random shapes. */
class TensorMathTest {
    @Test
    void handComputedValues() {
        Tensor x = Tensor.vector(-2, 0, 1, 4);
        assertValues(new float[] {2, -0f, -1, -4}, new int[] {4}, x.neg());
        assertValues(new float[] {2, 0, 1, 4}, new int[] {4}, x.abs());
        assertValues(new float[] {4, 0, 1, 16}, new int[] {4}, x.pow(2));
        assertValues(new float[] {-1, 0, 1, 1}, new int[] {4}, x.clamp(-1, 1));
        assertValues(new float[] {0, 1, 2}, new int[] {3}, Tensor.vector(0, 1, 4).sqrt());
        assertClose(new double[] {1, Math.E, Math.exp(-1)}, new int[] {3}, Tensor.vector(0, 1, -1).exp(), 1e-7);
        assertClose(new double[] {0, 1, Math.log(10)}, new int[] {3}, Tensor.vector(1, (float) Math.E, 10).log(),
                1e-7);
        assertClose(new double[] {0.5, 1.0 / 3}, new int[] {2}, Tensor.vector(2, 3).pow(-1), 1e-7);
        assertClose(new double[] {2, 3}, new int[] {2}, Tensor.vector(4, 9).pow(0.5f), 1e-7);
    }

    @Test
    void outOfDomainInputsGiveNanOrInfinity() {
        assertEquals(Float.NaN, Tensor.vector(-1).log().item());
        assertEquals(Float.NEGATIVE_INFINITY, Tensor.vector(0).log().item());
        assertEquals(Float.NaN, Tensor.vector(-4).sqrt().item());
        assertEquals(Float.POSITIVE_INFINITY, Tensor.vector(100).exp().item());
        assertEquals(Float.NaN, Tensor.vector(Float.NaN).clamp(0, 1).item(), "clamp does not hide a NaN");
    }

    @Test
    void clampRejectsAnEmptyRange() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.vector(1).clamp(2, 1),
                "clamp", "min = 2.0", "max = 1.0");
    }

    @Test
    void mapAppliesACustomFormulaAndKeepsTheShape() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        Tensor y = x.map("triple", new Elementwise.Formula() {
            public float value(float v) {
                return 3 * v;
            }

            public float derivative(float v, float out) {
                return 3;
            }
        });
        assertValues(new float[] {0, 3, 6, 9, 12, 15}, new int[] {2, 3}, y);
        assertEquals("triple", Tensor.vector(1).requiresGrad(true).map("triple", new Elementwise.Formula() {
            public float value(float v) {
                return v;
            }

            public float derivative(float v, float out) {
                return 1;
            }
        }).creator().name());
    }

    @Test
    void unaryOpsMatchAReferenceLoopOnRandomShapes() {
        Random random = new Random(314);
        for (int trial = 0; trial < 200; trial++) {
            int[] dims = RandomShapes.shape(random, 0, 4, 5);
            float[] values = RandomShapes.values(random, RandomShapes.size(dims), -3f, 3f);
            Tensor x = Tensor.wrap(values, dims);
            Tensor positive = Tensor.wrap(RandomShapes.values(random, values.length, 0.1f, 5f), dims);
            String context = "trial " + trial + " shape " + x.shape();
            check(x, Tensor::neg, v -> -v, context + " neg");
            check(x, Tensor::abs, Math::abs, context + " abs");
            check(x, Tensor::exp, Math::exp, context + " exp");
            check(x, t -> t.pow(3), v -> v * v * v, context + " pow 3");
            check(x, t -> t.clamp(-1, 0.5f), v -> Math.max(-1, Math.min(0.5, v)), context + " clamp");
            check(positive, Tensor::log, Math::log, context + " log");
            check(positive, Tensor::sqrt, Math::sqrt, context + " sqrt");
            check(positive, t -> t.pow(-1.5f), v -> Math.pow(v, -1.5), context + " pow -1.5");
        }
    }

    @Test
    void unaryOpsLeaveTheirInputAlone() {
        Tensor x = Tensor.vector(1, 2, 3);
        x.exp();
        x.neg();
        x.clamp(0, 1);
        assertValues(new float[] {1, 2, 3}, new int[] {3}, x);
        assertTrue(x.exp().data() != x.data());
    }

    private static void check(Tensor x, UnaryOperator<Tensor> op, DoubleUnaryOperator reference, String context) {
        double[] expected = new double[x.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = reference.applyAsDouble(x.data()[i]);
        }
        assertClose(expected, x.shape().dims(), op.apply(x), 1e-6, context);
    }
}
