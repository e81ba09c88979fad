package dev.dendrite.nn.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    @Test
    void matchesHandComputedProbabilities() {
        // e^i / (e + e^2 + e^3) for i = 1, 2, 3
        Tensor y = new Softmax().forward(Tensor.matrix(new float[] {1f, 2f, 3f}));
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, y.toArray(), 1e-7f);
    }

    @Test
    void rowsSumToOne() {
        Tensor y = new Softmax().forward(Tensor.normal(3L, 0f, 5f, 6, 10));
        float[] sums = y.sum(1).toArray();
        for (int r = 0; r < sums.length; r++) {
            assertEquals(1f, sums[r], 1e-6f, "row " + r);
        }
    }

    @Test
    void isStableForHugeInputs() {
        Tensor y = new Softmax().forward(Tensor.matrix(new float[] {1000f, -1000f}, new float[] {1000f, 1000f}));
        assertArrayEquals(new float[] {1f, 0f, 0.5f, 0.5f}, y.toArray(), 0f);
    }

    @Test
    void axisZeroNormalisesColumns() {
        Tensor x = Tensor.matrix(new float[] {1f, 0f}, new float[] {2f, 0f}, new float[] {3f, 0f});
        Tensor y = new Softmax(0).forward(x);
        assertArrayEquals(new float[] {0.09003057f, 1 / 3f, 0.24472847f, 1 / 3f, 0.66524096f, 1 / 3f},
                y.toArray(), 1e-7f);
    }

    @Test
    void lastAxisByDefaultEvenFor3dInputs() {
        Tensor x = Tensor.normal(4L, 0f, 1f, 2, 3, 4);
        Tensor byDefault = new Softmax().forward(x);
        assertTrue(byDefault.allClose(new Softmax(2).forward(x), 0f));
        assertEquals(Shape.of(2, 3, 4), byDefault.shape());
        assertTrue(byDefault.sum(2).allClose(Tensor.ones(2, 3), 1e-6f));
        assertTrue(new Softmax(1).forward(x).sum(1).allClose(Tensor.ones(2, 4), 1e-6f));
    }

    @Test
    void gradientMatchesFiniteDifferencesAlongEveryAxis() {
        for (int axis : new int[] {-1, 0, 1}) {
            Tensor x = Tensor.normal(5L + axis, 0f, 2f, 3, 5).requiresGrad(true);
            Softmax softmax = new Softmax(axis);
            String mismatch = GradientCheck.standard().check(in -> softmax.forward(in[0]), x);
            assertNull(mismatch, "axis " + axis + ": " + mismatch);
        }
        Tensor x = Tensor.normal(8L, 0f, 2f, 2, 3, 4).requiresGrad(true);
        assertNull(GradientCheck.standard().check(in -> new Softmax(1).forward(in[0]), x));
    }

    @Test
    void worksAsTheLastLayerOfASequential() {
        ActivationAssertions.assertWorksInSequential(new Softmax());
    }

    @Test
    void rejectsAMissingAxis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Softmax(2).forward(Tensor.zeros(2, 3)));
        assertEquals("Softmax(axis=2): expected an input of rank >= 3, got [2, 3] (rank 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Softmax().forward(Tensor.scalar(1f)));
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("Softmax(axis=-1)", new Softmax().toString());
        assertEquals("softmax", new Softmax(0).name());
    }
}
