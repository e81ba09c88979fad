package dev.dendrite.tensor;

import static dev.dendrite.testing.TensorAssert.assertClose;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;

import dev.dendrite.testing.RandomShapes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Matrix products, 2-D and batched 3-D, against hand values and a naive triple loop. */
class TensorMatmulTest {
    @Test
    void handComputedProduct() {
        Tensor a = Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5, 6});
        Tensor b = Tensor.matrix(new float[] {7, 8}, new float[] {9, 10}, new float[] {11, 12});
        assertValues(new float[] {58, 64, 139, 154}, new int[] {2, 2}, a.matmul(b));
        assertValues(new float[] {39, 54, 69, 49, 68, 87, 59, 82, 105}, new int[] {3, 3}, b.matmul(a));
    }

    @Test
    void handComputedBatchedProduct() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 1, 0, 0, 1}, 2, 2, 2);
        Tensor b = Tensor.of(new float[] {1, 0, 0, 1, 5, 6, 7, 8}, 2, 2, 2);
        assertValues(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {2, 2, 2}, a.matmul(b));
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        assertValues(new float[6], new int[] {2, 3}, Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3)));
        assertValues(new float[0], new int[] {0, 3}, Tensor.zeros(0, 4).matmul(Tensor.ones(4, 3)));
        assertValues(new float[0], new int[] {0, 2, 3}, Tensor.zeros(0, 2, 4).matmul(Tensor.ones(0, 4, 3)));
    }

    @Test
    void innerDimensionMismatchNamesBothShapes() {
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)), "matmul", "[2, 3]", "[4, 5]");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(2, 4, 5)), "matmul", "[2, 2, 3]", "[2, 4, 5]");
    }

    @Test
    void batchMismatchNamesBothShapes() {
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 5)), "matmul", "[2, 2, 3]", "[3, 3, 5]");
    }

    @Test
    void unsupportedRanksNameBothShapes() {
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(3).matmul(Tensor.zeros(3, 2)), "matmul", "[3]", "[3, 2]");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(1, 3, 2)), "matmul", "[2, 3]", "[1, 3, 2]");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Tensor.scalar(2).matmul(Tensor.scalar(3)), "matmul", "[]");
    }

    @Test
    void twoDimensionalProductMatchesANaiveLoop() {
        Random random = new Random(1234);
        for (int trial = 0; trial < 300; trial++) {
            int m = size(random);
            int k = size(random);
            int n = size(random);
            Tensor a = Tensor.wrap(RandomShapes.values(random, m * k, -1f, 1f), m, k);
            Tensor b = Tensor.wrap(RandomShapes.values(random, k * n, -1f, 1f), k, n);
            assertClose(naive(a.data(), 0, b.data(), 0, m, k, n), new int[] {m, n}, a.matmul(b), 1e-5,
                    "trial " + trial + " " + a.shape() + " @ " + b.shape());
        }
    }

    @Test
    void batchedProductMatchesANaiveLoopPerBatchEntry() {
        Random random = new Random(4321);
        for (int trial = 0; trial < 100; trial++) {
            int batch = random.nextInt(4);
            int m = size(random);
            int k = size(random);
            int n = size(random);
            Tensor a = Tensor.wrap(RandomShapes.values(random, batch * m * k, -1f, 1f), batch, m, k);
            Tensor b = Tensor.wrap(RandomShapes.values(random, batch * k * n, -1f, 1f), batch, k, n);
            double[] expected = new double[batch * m * n];
            for (int i = 0; i < batch; i++) {
                double[] entry = naive(a.data(), i * m * k, b.data(), i * k * n, m, k, n);
                System.arraycopy(entry, 0, expected, i * m * n, entry.length);
            }
            assertClose(expected, new int[] {batch, m, n}, a.matmul(b), 1e-5,
                    "trial " + trial + " " + a.shape() + " @ " + b.shape());
        }
    }

    /** Mostly small sizes with zeros and ones, sometimes past a SIMD width so vector tails are exercised. */
    private static int size(Random random) {
        return random.nextInt(5) == 0 ? 9 + random.nextInt(30) : RandomShapes.dimension(random, 6);
    }

    private static double[] naive(float[] a, int aOffset, float[] b, int bOffset, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[aOffset + i * k + p] * b[bOffset + p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }
}
