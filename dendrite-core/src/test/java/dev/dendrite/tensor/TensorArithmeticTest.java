package dev.dendrite.tensor;

import static dev.dendrite.testing.TensorAssert.assertClose;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.testing.RandomShapes;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** Add, subtract, multiply and divide: hand-computed values and broadcasting against a reference loop. */
class TensorArithmeticTest {
    private static final Tensor A = Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5, 6});
    private static final Tensor B = Tensor.matrix(new float[] {2, 4, 8}, new float[] {-1, 0.5f, 3});

    @Test
    void sameShapeArithmetic() {
        assertValues(new float[] {3, 6, 11, 3, 5.5f, 9}, new int[] {2, 3}, A.add(B));
        assertValues(new float[] {-1, -2, -5, 5, 4.5f, 3}, new int[] {2, 3}, A.sub(B));
        assertValues(new float[] {2, 8, 24, -4, 2.5f, 18}, new int[] {2, 3}, A.mul(B));
        assertValues(new float[] {0.5f, 0.5f, 0.375f, -4, 10, 2}, new int[] {2, 3}, A.div(B));
    }

    @Test
    void scalarArithmetic() {
        assertValues(new float[] {2, 3, 4, 5, 6, 7}, new int[] {2, 3}, A.add(1f));
        assertValues(new float[] {-1, 0, 1, 2, 3, 4}, new int[] {2, 3}, A.sub(2f));
        assertValues(new float[] {-2, -4, -6, -8, -10, -12}, new int[] {2, 3}, A.mul(-2f));
        assertValues(new float[] {0.25f, 0.5f, 0.75f, 1, 1.25f, 1.5f}, new int[] {2, 3}, A.div(4f));
        assertValues(new float[] {11, 12, 13, 14, 15, 16}, new int[] {2, 3}, Tensor.scalar(10).add(A));
        assertValues(new float[] {5}, new int[] {}, Tensor.scalar(2).add(Tensor.scalar(3)));
    }

    @Test
    void operandsAreNotChanged() {
        Tensor a = Tensor.vector(1, 2);
        Tensor b = Tensor.vector(3, 4);
        a.add(b);
        a.mul(b);
        a.div(b);
        a.sub(b);
        assertValues(new float[] {1, 2}, new int[] {2}, a);
        assertValues(new float[] {3, 4}, new int[] {2}, b);
    }

    @Test
    void divisionByZeroFollowsIeee() {
        Tensor q = Tensor.vector(1, -1, 0).div(Tensor.vector(0, 0, 0));
        assertEquals(Float.POSITIVE_INFINITY, q.get(0));
        assertEquals(Float.NEGATIVE_INFINITY, q.get(1));
        assertEquals(Float.NaN, q.get(2));
    }

    @Test
    void columnPlusRowBroadcastsToAMatrix() {
        Tensor column = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor row = Tensor.of(new float[] {10, 20, 30, 40}, 1, 4);
        assertValues(new float[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43}, new int[] {3, 4}, column.add(row));
        assertValues(new float[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43}, new int[] {3, 4}, row.add(column));
        assertValues(new float[] {-9, -19, -29, -39, -8, -18, -28, -38, -7, -17, -27, -37}, new int[] {3, 4},
                column.sub(row));
    }

    @Test
    void biasRowAddsToEveryRow() {
        Tensor bias = Tensor.vector(10, 20, 30);
        assertValues(new float[] {11, 22, 33, 14, 25, 36}, new int[] {2, 3}, A.add(bias));
        assertValues(new float[] {9, 18, 27, 6, 15, 24}, new int[] {2, 3}, bias.sub(A));
    }

    @Test
    void lowerRankOperandRepeatsOverLeadingAxes() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        Tensor scale = Tensor.vector(1, 10, 100, 1000);
        Tensor y = x.mul(scale);
        assertEquals(Shape.of(2, 3, 4), y.shape());
        assertEquals(23 * 1000f, y.get(1, 2, 3));
        assertEquals(13 * 10f, y.get(1, 0, 1));
    }

    @Test
    void emptyDimensionsBroadcastToEmptyResults() {
        assertValues(new float[0], new int[] {0, 3}, Tensor.zeros(0, 3).add(Tensor.vector(1, 2, 3)));
        assertValues(new float[0], new int[] {0, 3}, Tensor.zeros(0, 1).mul(Tensor.vector(1, 2, 3)));
        assertValues(new float[0], new int[] {0}, Tensor.scalar(2).mul(Tensor.zeros(0)));
        assertValues(new float[0], new int[] {2, 0}, Tensor.zeros(2, 1).sub(Tensor.zeros(0)));
    }

    @Test
    void incompatibleShapesNameBothShapes() {
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "add", "[2, 3]", "[4]");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 2)), "mul", "[2, 3]", "[3, 2]");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(0, 3).sub(Tensor.zeros(2, 3)), "sub", "[0, 3]", "[2, 3]");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(5, 2, 3).div(Tensor.zeros(4, 1, 1)), "div", "[5, 2, 3]", "[4, 1, 1]");
    }

    @Test
    void broadcastingMatchesAReferenceLoopOnRandomShapes() {
        Random random = new Random(20240501);
        for (int trial = 0; trial < 400; trial++) {
            int[] aDims = RandomShapes.shape(random, 0, 4, 5);
            int[] bDims = RandomShapes.broadcastPartner(random, aDims);
            if (random.nextBoolean()) {
                int[] swap = aDims;
                aDims = bDims;
                bDims = swap;
            }
            Tensor a = Tensor.wrap(RandomShapes.values(random, RandomShapes.size(aDims), -2f, 2f), aDims);
            Tensor b = Tensor.wrap(RandomShapes.values(random, RandomShapes.size(bDims), 0.5f, 3f), bDims);
            String context = "trial " + trial + ": " + a.shape() + " op " + b.shape();
            check(a, b, Tensor::add, (x, y) -> x + y, context + " add");
            check(a, b, Tensor::sub, (x, y) -> x - y, context + " sub");
            check(a, b, Tensor::mul, (x, y) -> x * y, context + " mul");
            check(a, b, Tensor::div, (x, y) -> x / y, context + " div");
        }
    }

    @Test
    void mismatchedRandomShapesAlwaysThrow() {
        Random random = new Random(99);
        int checked = 0;
        for (int trial = 0; trial < 200; trial++) {
            int[] aDims = RandomShapes.shape(random, 1, 4, 5);
            int[] bDims = RandomShapes.broadcastPartner(random, aDims);
            if (bDims.length == 0) {
                continue;
            }
            int axis = random.nextInt(bDims.length);
            int aAxis = axis + aDims.length - bDims.length;
            if (aDims[aAxis] == 1) {
                continue;
            }
            bDims[axis] = Math.max(2, aDims[aAxis] + 1 + random.nextInt(3));
            Tensor a = Tensor.zeros(aDims);
            Tensor b = Tensor.zeros(bDims);
            assertThrowsMentioning(IllegalArgumentException.class, () -> a.add(b),
                    Arrays.toString(aDims), Arrays.toString(bDims));
            checked++;
        }
        assertEquals(true, checked > 50, "enough mismatches were generated: " + checked);
    }

    private static void check(Tensor a, Tensor b, BinaryOperator<Tensor> op, DoubleBinaryOperator reference,
                              String context) {
        int[] outDims = referenceBroadcast(a.shape().dims(), b.shape().dims());
        double[] expected = new double[RandomShapes.size(outDims)];
        for (int i = 0; i < expected.length; i++) {
            int[] index = RandomShapes.unravel(i, outDims);
            expected[i] = reference.applyAsDouble(read(a, index), read(b, index));
        }
        assertClose(expected, outDims, op.apply(a, b), 1e-6, context);
    }

    /** NumPy's rule, written independently of {@link Shape#broadcast}. */
    static int[] referenceBroadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            out[rank - i] = da == 1 ? db : da;
        }
        return out;
    }

    /** The element of {@code t} that output position {@code outIndex} reads under broadcasting. */
    static double read(Tensor t, int[] outIndex) {
        int[] dims = t.shape().dims();
        int[] index = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            index[i] = dims[i] == 1 ? 0 : outIndex[i + outIndex.length - dims.length];
        }
        return t.data()[RandomShapes.ravel(index, dims)];
    }
}
