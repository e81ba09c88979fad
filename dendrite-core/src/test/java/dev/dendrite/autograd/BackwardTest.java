package dev.dendrite.autograd;

import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The graph walk: accumulation, leaves, detach, errors, and hand-computed gradients. */
class BackwardTest {
    @Test
    void squareByMultiplyingByItself() {
        Tensor x = Tensor.vector(1, -2, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        assertValues(new float[] {2, -4, 6}, new int[] {3}, x.grad());
    }

    @Test
    void doubleByAddingToItself() {
        Tensor x = Tensor.vector(1, -2, 3).requiresGrad(true);
        x.add(x).sum().backward();
        assertValues(new float[] {2, 2, 2}, new int[] {3}, x.grad());
    }

    @Test
    void diamondGraphAddsBothPaths() {
        Tensor a = Tensor.scalar(3).requiresGrad(true);
        Tensor b = Tensor.scalar(4).requiresGrad(true);
        Tensor y = a.mul(b);
        Tensor z = y.add(y.mul(a));
        z.backward();
        // z = ab + a²b: dz/da = b + 2ab = 28, dz/db = a + a² = 12.
        assertEquals(28f, a.grad().item());
        assertEquals(12f, b.grad().item());
        assertNull(y.grad(), "intermediate results keep no gradient");
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        x.mul(3f).sum().backward();
        assertValues(new float[] {3, 3}, new int[] {2}, x.grad());
        x.mul(x).sum().backward();
        assertValues(new float[] {5, 7}, new int[] {2}, x.grad());
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(3f).sum().backward();
        assertValues(new float[] {3, 3}, new int[] {2}, x.grad());
    }

    @Test
    void theSameGraphCanBeBackpropagatedTwice() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        loss.backward();
        assertValues(new float[] {4, 8}, new int[] {2}, x.grad());
    }

    @Test
    void theGradientIsNotTheSeedArray() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor seed = Tensor.vector(1, 1);
        x.backward(seed);
        x.backward(seed);
        assertValues(new float[] {2, 2}, new int[] {2}, x.grad());
        assertValues(new float[] {1, 1}, new int[] {2}, seed);
    }

    @Test
    void backwardOnALeafGivesOnes() {
        Tensor x = Tensor.scalar(5).requiresGrad(true);
        x.backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void onlyTensorsThatRequireGradReceiveOne() {
        Tensor x = Tensor.vector(1, 2);
        Tensor w = Tensor.vector(3, 4).requiresGrad(true);
        x.mul(w).sum().backward();
        assertNull(x.grad());
        assertValues(new float[] {1, 2}, new int[] {2}, w.grad());
        Tensor y = x.mul(2f);
        assertFalse(y.requiresGrad(), "no input requires grad, so nothing is recorded");
        assertNull(y.creator());
    }

    @Test
    void backwardWithAnExplicitGradient() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        x.mul(x).backward(Tensor.vector(1, 0, -1));
        assertValues(new float[] {2, 0, -6}, new int[] {3}, x.grad());
    }

    @Test
    void backwardOnANonScalarThrowsIllegalState() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        assertThrowsMentioning(IllegalStateException.class, () -> x.mul(2f).backward(), "backward", "[2]");
    }

    @Test
    void backwardWithoutRecordedHistoryThrowsIllegalState() {
        assertThrowsMentioning(IllegalStateException.class, () -> Tensor.scalar(1).add(2f).backward(), "backward");
    }

    @Test
    void backwardWithASeedOfTheWrongShapeNamesBothShapes() {
        Tensor y = Tensor.vector(1, 2).requiresGrad(true).mul(2f);
        assertThrowsMentioning(IllegalArgumentException.class, () -> y.backward(Tensor.zeros(3)), "backward",
                "[2]", "[3]");
    }

    @Test
    void requiresGradFalseOnAResultIsMisuse() {
        Tensor y = Tensor.vector(1).requiresGrad(true).exp();
        assertThrowsMentioning(IllegalStateException.class, () -> y.requiresGrad(false), "requiresGrad", "exp",
                "detach");
        Tensor leaf = Tensor.vector(1).requiresGrad(true);
        assertFalse(leaf.requiresGrad(false).requiresGrad());
    }

    @Test
    void detachStopsGradientsAndSharesTheElements() {
        Tensor x = Tensor.vector(2, 3).requiresGrad(true);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertNull(d.creator());
        assertSame(x.data(), d.data());
        x.mul(d).sum().backward();
        assertValues(new float[] {2, 3}, new int[] {2}, x.grad());
        Tensor y = x.mul(x).detach();
        assertFalse(y.requiresGrad());
        assertNull(y.creator());
    }

    @Test
    void resultsRememberTheirCreator() {
        Tensor a = Tensor.vector(1).requiresGrad(true);
        Tensor b = Tensor.vector(2);
        Tensor y = a.add(b);
        assertTrue(y.requiresGrad());
        assertNotNull(y.creator());
        assertEquals("add", y.creator().name());
        assertSame(a, y.creator().inputs()[0]);
        assertSame(b, y.creator().inputs()[1]);
        assertEquals("matmul", a.reshape(1, 1).matmul(Tensor.ones(1, 1)).creator().name());
    }

    @Test
    void broadcastGradientsAreSummed() {
        Tensor m = Tensor.arange(6).reshape(2, 3).requiresGrad(true);
        Tensor bias = Tensor.vector(1, 1, 1).requiresGrad(true);
        Tensor scale = Tensor.scalar(2).requiresGrad(true);
        m.add(bias).mul(scale).sum().backward();
        assertValues(new float[] {2, 2, 2, 2, 2, 2}, new int[] {2, 3}, m.grad());
        assertValues(new float[] {4, 4, 4}, new int[] {3}, bias.grad());
        assertValues(new float[] {21}, new int[] {}, scale.grad(), "sum of m + bias");
    }

    @Test
    void throughReshapeTransposeAndSliceRows() {
        Tensor x = Tensor.arange(6).requiresGrad(true);
        Tensor weights = Tensor.of(new float[] {1, 10, 100}, 3, 1);
        x.reshape(2, 3).transpose().sliceRows(1, 3).mul(weights.sliceRows(1, 3)).sum().backward();
        // transpose is [[0, 3], [1, 4], [2, 5]]; rows 1..2 are x1, x4, x2, x5, weighted 10, 10, 100, 100.
        assertValues(new float[] {0, 10, 100, 0, 10, 100}, new int[] {6}, x.grad());
    }

    @Test
    void throughMaxAndMinOnlyTheChosenElementGetsTheGradient() {
        Tensor x = Tensor.matrix(new float[] {1, 5, 3}, new float[] {7, 2, 7}).requiresGrad(true);
        x.max(1, false).sum().backward();
        assertValues(new float[] {0, 1, 0, 1, 0, 0}, new int[] {2, 3}, x.grad(), "the first of tied maxima");
        x.zeroGrad();
        x.min(0, true).mul(Tensor.vector(1, 2, 3)).sum().backward();
        assertValues(new float[] {1, 0, 3, 0, 2, 0}, new int[] {2, 3}, x.grad());
        x.zeroGrad();
        x.max().backward();
        assertValues(new float[] {0, 0, 0, 1, 0, 0}, new int[] {2, 3}, x.grad());
    }

    @Test
    void throughMatmulByHand() {
        Tensor a = Tensor.matrix(new float[] {1, 2}, new float[] {3, 4}).requiresGrad(true);
        Tensor b = Tensor.matrix(new float[] {5, 6}, new float[] {7, 8}).requiresGrad(true);
        a.matmul(b).sum().backward();
        // d(sum AB)/dA = 1·Bᵀ: each row is the row sums of B; d/dB = Aᵀ·1: each column is the column sums of A.
        assertValues(new float[] {11, 15, 11, 15}, new int[] {2, 2}, a.grad());
        assertValues(new float[] {4, 4, 6, 6}, new int[] {2, 2}, b.grad());
    }

    @Test
    void meanDividesTheGradientByTheCount() {
        Tensor x = Tensor.arange(6).reshape(2, 3).requiresGrad(true);
        x.mean().backward();
        assertValues(new float[] {1 / 6f, 1 / 6f, 1 / 6f, 1 / 6f, 1 / 6f, 1 / 6f}, new int[] {2, 3}, x.grad());
        x.zeroGrad();
        x.mean(1).sum().backward();
        assertValues(new float[] {1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f, 1 / 3f}, new int[] {2, 3}, x.grad());
    }

    @Test
    void powGradientsByHandIncludingZero() {
        Tensor x = Tensor.vector(0, 2, -3).requiresGrad(true);
        x.pow(0).sum().backward();
        assertValues(new float[] {0, 0, 0}, new int[] {3}, x.grad(), "x^0 is constant, also at 0");
        x.zeroGrad();
        x.pow(2).sum().backward();
        assertValues(new float[] {0, 4, -6}, new int[] {3}, x.grad());
        x.zeroGrad();
        x.pow(1).sum().backward();
        assertValues(new float[] {1, 1, 1}, new int[] {3}, x.grad());
    }

    /** A broken op whose backward returns a gradient of the wrong shape. */
    private static final class WrongShapeBackward extends Op {
        @Override
        protected Tensor forward(Tensor... inputs) {
            return inputs[0].mul(2f);
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            return new Tensor[] {Tensor.zeros(2)};
        }
    }

    @Test
    void aBackwardReturningTheWrongShapeIsCaught() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad(true);
        Tensor y = new WrongShapeBackward().apply(x).sum();
        assertThrowsMentioning(IllegalStateException.class, y::backward, "WrongShapeBackward", "[3]", "[2]");
    }

    @Test
    void emptyTensorsGetEmptyGradients() {
        Tensor a = Tensor.zeros(2, 0).requiresGrad(true);
        Tensor b = Tensor.ones(0, 3).requiresGrad(true);
        a.matmul(b).sum().backward();
        assertValues(new float[0], new int[] {2, 0}, a.grad());
        assertValues(new float[0], new int[] {0, 3}, b.grad());
        Tensor c = Tensor.zeros(0, 3).requiresGrad(true);
        c.max(1, false).sum().add(c.mean(0).sum()).backward();
        assertValues(new float[0], new int[] {0, 3}, c.grad());
        Tensor empty = Tensor.zeros(0).requiresGrad(true);
        Tensor scale = Tensor.scalar(2).requiresGrad(true);
        empty.mul(scale).sum().backward();
        assertValues(new float[] {0}, new int[] {}, scale.grad(), "nothing was multiplied, so the gradient is 0");
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Tensor x = Tensor.scalar(0).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.add(1f);
        }
        y.backward();
        assertEquals(20_000f, y.item());
        assertEquals(1f, x.grad().item());
    }

    @Test
    void aLeafKeepsAFreshProductGradientAndAddsLaterOnesIntoIt() {
        Tensor x = Tensor.matrix(new float[][] {{1, 2}, {3, 4}});
        Tensor w = Tensor.matrix(new float[][] {{1, 0}, {0, 1}}).requiresGrad(true);
        x.matmul(w).sum().backward();
        float[] first = w.grad().data();
        assertValues(new float[] {4, 4, 6, 6}, new int[] {2, 2}, w.grad());
        x.matmul(w).sum().backward();
        assertSame(first, w.grad().data(), "the second backward adds into the kept gradient");
        assertValues(new float[] {8, 8, 12, 12}, new int[] {2, 2}, w.grad());
    }

    @Test
    void aWeightUsedTwiceGetsTheSumOfBothProducts() {
        Tensor x = Tensor.matrix(new float[][] {{1, 2}});
        Tensor w = Tensor.matrix(new float[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        x.matmul(w).matmul(w).sum().backward();
        // d/dW sum(x·W·W) = xᵀ·(1·Wᵀ) + (x·W)ᵀ·1, with x·W = [7, 10] and 1·Wᵀ = [3, 7]
        assertValues(new float[] {3 + 7, 7 + 7, 6 + 10, 14 + 10}, new int[] {2, 2}, w.grad());
    }

    @Test
    void aPassedThroughGradientIsCopiedForEachLeaf() {
        Tensor a = Tensor.vector(1, 2).requiresGrad(true);
        Tensor b = Tensor.vector(3, 4).requiresGrad(true);
        a.add(b).backward(Tensor.vector(5, 6));
        assertFalse(a.grad().data() == b.grad().data(), "the add passed one gradient to both leaves");
        a.grad().data()[0] = 100;
        assertValues(new float[] {5, 6}, new int[] {2}, b.grad());
    }

    @Test
    void adoptGradKeepsTheArrayOnlyWhenTheLeafHasNone() {
        Tensor leaf = Tensor.zeros(2).requiresGrad(true);
        float[] given = {1, 2};
        leaf.adoptGrad(Tensor.wrap(given, 2));
        assertSame(given, leaf.grad().data());
        leaf.adoptGrad(Tensor.vector(3, 4));
        assertSame(given, leaf.grad().data());
        assertValues(new float[] {4, 6}, new int[] {2}, leaf.grad());
    }

    /** A formula that doubles, and records whether backward handed it the incoming gradient as {@code dx}. */
    private static final class Doubling implements Elementwise.Formula {
        private final boolean inPlace;
        private Boolean sawSameArray;

        Doubling(boolean inPlace) {
            this.inPlace = inPlace;
        }

        @Override
        public float value(float x) {
            return 2 * x;
        }

        @Override
        public float derivative(float x, float y) {
            return 2;
        }

        @Override
        public void gradients(float[] x, float[] y, float[] dy, float[] dx) {
            sawSameArray = dx == dy;
            Elementwise.Formula.super.gradients(x, y, dy, dx);
        }

        @Override
        public boolean gradientsInPlace() {
            return inPlace;
        }
    }

    @Test
    void anElementwiseOpWritesItsGradientOverAFreshIncomingOneOnlyWhenItsFormulaAllows() {
        for (boolean inPlace : new boolean[] {true, false}) {
            Tensor x = Tensor.vector(1, -2, 3).requiresGrad(true);
            Doubling doubling = new Doubling(inPlace);
            // Backward reaches exp first (its gradient is new, so fresh), then the doubling.
            Tensor y = x.map("double", doubling).exp();
            y.sum().backward();
            assertEquals(inPlace, doubling.sawSameArray, "in place: " + inPlace);
            float[] grad = x.grad().data();
            float[] values = {1, -2, 3};
            for (int i = 0; i < 3; i++) {
                double expected = 2 * Math.exp(2 * values[i]);
                assertEquals(expected, grad[i], 1e-5 * expected, "element " + i);
            }
        }
    }

    @Test
    void aGradientSomeoneHoldsIsNeverOverwritten() {
        Tensor x = Tensor.vector(1, -2, 3).requiresGrad(true);
        Doubling doubling = new Doubling(true);
        Tensor seed = Tensor.vector(1, 2, 3);
        // The seed belongs to the caller: the op must compute into a new array.
        x.map("double", doubling).backward(seed);
        assertFalse(doubling.sawSameArray);
        assertValues(new float[] {1, 2, 3}, new int[] {3}, seed);
        assertValues(new float[] {2, 4, 6}, new int[] {3}, x.grad());
        // A gradient passed through a reshape is the same array as another op's: not fresh either.
        Tensor z = Tensor.vector(1, -2, 3, 4).requiresGrad(true);
        Doubling second = new Doubling(true);
        Tensor viaReshape = z.map("double", second).reshape(2, 2).exp();
        viaReshape.sum().backward();
        assertFalse(second.sawSameArray);
    }
}
