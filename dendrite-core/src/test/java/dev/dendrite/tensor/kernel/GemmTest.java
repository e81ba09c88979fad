package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GemmTest {
    private final int savedThreads = Gemm.threads();

    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(savedThreads);
    }

    @Test
    void randomSmallShapesMatchDoublePrecisionReference() {
        Random random = new Random(42);
        for (int trial = 0; trial < 400; trial++) {
            Case product = Case.random(random, random.nextInt(71), random.nextInt(71), random.nextInt(71));
            Gemm.setThreads(1 + trial % 2);
            product.check(Gemm::multiply, "trial " + trial);
        }
    }

    @Test
    void largeShapesAcrossBlockEdgesMatchReferenceOnOneAndTwoThreads() {
        Random random = new Random(7);
        int[][] shapes = {{300, 257, 129}, {129, 300, 257}, {145, 97, 600}, {7, 2100, 30}, {1000, 3, 50}, {1, 700, 513}};
        for (int[] shape : shapes) {
            for (int threads = 1; threads <= 2; threads++) {
                Gemm.setThreads(threads);
                for (int form = 0; form < 4; form++) {
                    Case product = Case.random(random, shape[0], shape[1], shape[2]);
                    product.transposeA = (form & 1) != 0;
                    product.transposeB = (form & 2) != 0;
                    product.check(Gemm::multiply, java.util.Arrays.toString(shape) + " threads " + threads);
                }
            }
        }
    }

    @Test
    void oneAndTwoRowProductsMatchReference() {
        Random random = new Random(5);
        int[][] shapes = {{1, 256, 784}, {1, 10, 128}, {2, 67, 33}, {1, 1, 1}, {2, 130, 5}, {1, 3, 0}};
        for (int[] shape : shapes) {
            for (int form = 0; form < 4; form++) {
                Case product = Case.random(random, shape[0], shape[1], shape[2]);
                product.transposeA = (form & 1) != 0;
                product.transposeB = (form & 2) != 0;
                product.check(Gemm::multiply, java.util.Arrays.toString(shape) + " form " + form);
                product.check(ScalarGemm::multiply, "scalar " + java.util.Arrays.toString(shape) + " form " + form);
            }
        }
    }

    @Test
    void thinOutputsMatchReferenceAndDoNotDependOnTheThreadCount() {
        // Output-layer shapes: C one vector wide or a little more, A row-major or transposed, k
        // across block edges, row counts off the 12-row blocks.
        Random random = new Random(13);
        for (int n : new int[] {1, 7, 8, 10, 16, 17, 30}) {
            for (int m : new int[] {n + 1, 25, 128, 1000}) {
                for (int k : new int[] {0, 1, 9, 128, 600}) {
                    for (int form = 0; form < 4; form++) {
                        Case product = Case.random(random, m, n, k);
                        product.transposeA = (form & 1) != 0;
                        product.transposeB = (form & 2) != 0;
                        Gemm.setThreads(1);
                        product.check(Gemm::multiply, "thin, form " + form);
                        float[] one = product.c.clone();
                        Gemm.multiply(m, n, k, product.a, product.aOffset, product.transposeA, product.b,
                                product.bOffset, product.transposeB, one, product.cOffset, product.accumulate);
                        Gemm.setThreads(2);
                        float[] two = product.c.clone();
                        Gemm.multiply(m, n, k, product.a, product.aOffset, product.transposeA, product.b,
                                product.bOffset, product.transposeB, two, product.cOffset, product.accumulate);
                        assertArrayEquals(one, two, m + "x" + n + "x" + k + " form " + form + " on 1 and 2 threads");
                    }
                }
            }
        }
    }

    @Test
    void scalarPathMatchesReference() {
        Random random = new Random(3);
        for (int trial = 0; trial < 150; trial++) {
            Case product = Case.random(random, random.nextInt(40), random.nextInt(40), random.nextInt(40));
            product.check(ScalarGemm::multiply, "trial " + trial);
        }
    }

    @Test
    void scalarPathGivesTheSimdKernelsBits() {
        Assumptions.assumeTrue(VectorSupport.available(), "the Vector API module is absent: Gemm is the scalar path");
        Random random = new Random(17);
        // Every path of VectorGemm: one and two rows, small products, thin outputs, C computed
        // transposed, packed with one k block and with several (k over KC, with 512- and 256-bit
        // vectors alike), and k = 0.
        int[][] shapes = {{1, 256, 784}, {1, 40, 30}, {2, 67, 33}, {9, 24, 20}, {50, 32, 32}, {50, 1, 16},
            {16, 1, 50}, {128, 10, 256}, {128, 10, 600}, {600, 7, 40}, {200, 5, 1100}, {300, 257, 129},
            {129, 300, 600}, {64, 96, 1100}, {13, 50, 257}, {5, 3, 0}, {40, 7, 0}};
        for (int[] shape : shapes) {
            for (int threads = 1; threads <= 2; threads++) {
                Gemm.setThreads(threads);
                for (int form = 0; form < 16; form++) {
                    Case product = Case.random(random, shape[0], shape[1], shape[2]);
                    product.transposeA = (form & 1) != 0;
                    product.transposeB = (form & 2) != 0;
                    product.accumulate = (form & 4) != 0;
                    product.c[product.cOffset] = -0f;
                    if ((form & 8) != 0 && shape[2] > 0) {
                        // infinities and NaN propagate alike (a NaN's payload may differ, so NaNs compare as one)
                        product.a[product.aOffset] = Float.POSITIVE_INFINITY;
                        product.b[product.bOffset + 1] = Float.NaN;
                        product.c[product.cOffset + product.m * product.n - 1] = Float.NEGATIVE_INFINITY;
                    }
                    float[] simd = product.c.clone();
                    float[] scalar = product.c.clone();
                    Gemm.multiply(product.m, product.n, product.k, product.a, product.aOffset, product.transposeA,
                            product.b, product.bOffset, product.transposeB, simd, product.cOffset, product.accumulate);
                    ScalarGemm.multiply(product.m, product.n, product.k, product.a, product.aOffset,
                            product.transposeA, product.b, product.bOffset, product.transposeB, scalar,
                            product.cOffset, product.accumulate);
                    for (int i = 0; i < simd.length; i++) {
                        if (Float.floatToIntBits(simd[i]) != Float.floatToIntBits(scalar[i])) {
                            fail(java.util.Arrays.toString(shape) + " form " + form + " threads " + threads
                                    + ": element " + i + " is " + simd[i] + " on the SIMD path, " + scalar[i]
                                    + " on the scalar one");
                        }
                    }
                }
            }
        }
    }

    @Test
    void resultsAreIdenticalOnOneAndTwoThreads() {
        Random random = new Random(11);
        int m = 260;
        int n = 190;
        int k = 300;
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] one = new float[m * n];
        float[] two = new float[m * n];
        Gemm.setThreads(1);
        Gemm.multiply(m, n, k, a, 0, false, b, 0, true, one, 0, false);
        Gemm.setThreads(2);
        Gemm.multiply(m, n, k, a, 0, false, b, 0, true, two, 0, false);
        assertArrayEquals(one, two);
    }

    @Test
    void zeroInnerDimensionClearsOrKeepsC() {
        float[] c = {1f, 2f, 3f, 4f, 5f, 6f};
        Gemm.multiply(2, 3, 0, new float[0], 0, false, new float[0], 0, false, c, 0, true);
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, c);
        Gemm.multiply(2, 3, 0, new float[0], 0, false, new float[0], 0, false, c, 0, false);
        assertArrayEquals(new float[6], c);
    }

    @Test
    void workerThreadsAreDaemons() {
        Gemm.setThreads(2);
        Random random = new Random(5);
        int size = 256;
        float[] a = random(random, size * size);
        Gemm.multiply(size, size, size, a, 0, false, a, 0, false, new float[size * size], 0, false);
        boolean sawWorker = false;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("dendrite-kernel-")) {
                sawWorker = true;
                assertTrue(thread.isDaemon(), thread.getName() + " is not a daemon thread");
            }
        }
        if (VectorSupport.available()) {
            assertTrue(sawWorker, "a 256^3 product on two threads should have used a worker");
        }
    }

    @Test
    void rejectsThreadCountBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.setThreads(0));
        assertTrue(e.getMessage().contains("threads = 0"), e.getMessage());
    }

    @Test
    void oneAndTwoRowProductsMatchTheReferenceAndThePackedPathsBits() {
        Random random = new Random(11);
        // 8-vector, 4-vector and masked column groups, for 512-bit and 256-bit vectors alike.
        for (int n : new int[] {1, 10, 130, 200, 300, 520}) {
            for (int m = 1; m <= 2; m++) {
                for (int form = 0; form < 4; form++) {
                    Case product = Case.random(random, m, n, 1 + random.nextInt(300));
                    product.transposeA = (form & 1) != 0;
                    product.transposeB = (form & 2) != 0;
                    product.check(Gemm::multiply, "rows " + m);
                }
            }
            // With k within one packed block (KC is 256 with AVX2), a row alone sums in the packed
            // kernel's order.
            int k = 250;
            int rows = 40;
            float[] a = random(random, rows * k);
            float[] b = random(random, k * n);
            float[] all = new float[rows * n];
            Gemm.multiply(rows, n, k, a, 0, false, b, 0, false, all, 0, false);
            for (int row : new int[] {0, 17, 39}) {
                float[] one = new float[n];
                Gemm.multiply(1, n, k, a, row * k, false, b, 0, false, one, 0, false);
                float[] expected = java.util.Arrays.copyOfRange(all, row * n, row * n + n);
                assertArrayEquals(expected, one, "row " + row + " of n = " + n);
            }
        }
    }

    @Test
    void aSmallProductsLastColumnsGiveTheBitsTheyHaveInAWiderProduct() {
        // The columns after the last whole vector are summed one by one; in a product 48 columns
        // wide the same columns sit in whole vectors. Rows go four at a time, or one at a time when
        // alone. An element's sum must depend on none of that.
        Random random = new Random(23);
        int wide = 48;
        for (int n : new int[] {1, 3, 10, 20, 37, 40}) {
            for (boolean accumulate : new boolean[] {false, true}) {
                int m = 9;
                int k = 1 + random.nextInt(40);
                float[] a = random(random, m * k);
                // A stored transposed ([k, m], as a weight gradient reads its input) must sum alike.
                float[] aTransposed = new float[k * m];
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        aTransposed[p * m + i] = a[i * k + p];
                    }
                }
                float[] bWide = random(random, k * wide);
                float[] b = new float[k * n];
                for (int p = 0; p < k; p++) {
                    System.arraycopy(bWide, p * wide, b, p * n, n);
                }
                float[] start = random(random, m * wide);
                float[] cWide = start.clone();
                float[] c = new float[m * n];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(start, i * wide, c, i * n, n);
                }
                Gemm.multiply(m, wide, k, a, 0, false, bWide, 0, false, cWide, 0, accumulate);
                Gemm.multiply(m, n, k, a, 0, false, b, 0, false, c, 0, accumulate);
                for (int i = 0; i < m; i++) {
                    float[] expected = java.util.Arrays.copyOfRange(cWide, i * wide, i * wide + n);
                    float[] actual = java.util.Arrays.copyOfRange(c, i * n, i * n + n);
                    assertArrayEquals(expected, actual, "row " + i + " of n = " + n + ", accumulate " + accumulate);
                    // A row computed alone (one row at a time) against the same row among others (four at a time).
                    float[] alone = java.util.Arrays.copyOfRange(start, i * wide, i * wide + n);
                    Gemm.multiply(1, n, k, a, i * k, false, b, 0, false, alone, 0, accumulate);
                    assertArrayEquals(expected, alone, "row " + i + " alone, n = " + n);
                }
                float[] fromTransposed = new float[m * n];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(start, i * wide, fromTransposed, i * n, n);
                }
                Gemm.multiply(m, n, k, aTransposed, 0, true, b, 0, false, fromTransposed, 0, accumulate);
                assertArrayEquals(c, fromTransposed, "A transposed, n = " + n + ", accumulate " + accumulate);
            }
        }
    }

    static float[] random(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextFloat() * 2f - 1f;
        }
        return values;
    }

    /** The signature shared by {@link Gemm#multiply} and {@link ScalarGemm#multiply}. */
    interface Multiply {
        void apply(int m, int n, int k, float[] a, int aOffset, boolean transposeA,
                   float[] b, int bOffset, boolean transposeB, float[] c, int cOffset, boolean accumulate);
    }

    /** One product with random operands, offsets, padding and flags, checked against doubles. */
    static final class Case {
        int m;
        int n;
        int k;
        boolean transposeA;
        boolean transposeB;
        boolean accumulate;
        int aOffset;
        int bOffset;
        int cOffset;
        float[] a;
        float[] b;
        float[] c;

        static Case random(Random random, int m, int n, int k) {
            Case product = new Case();
            product.m = m;
            product.n = n;
            product.k = k;
            product.transposeA = random.nextBoolean();
            product.transposeB = random.nextBoolean();
            product.accumulate = random.nextBoolean();
            product.aOffset = random.nextInt(5);
            product.bOffset = random.nextInt(5);
            product.cOffset = random.nextInt(5);
            product.a = GemmTest.random(random, product.aOffset + m * k + 3);
            product.b = GemmTest.random(random, product.bOffset + k * n + 3);
            product.c = GemmTest.random(random, product.cOffset + m * n + 3);
            return product;
        }

        void check(Multiply multiply, String label) {
            float[] out = c.clone();
            multiply.apply(m, n, k, a, aOffset, transposeA, b, bOffset, transposeB, out, cOffset, accumulate);
            String what = label + ": " + m + "x" + n + "x" + k + " transposeA=" + transposeA
                    + " transposeB=" + transposeB + " accumulate=" + accumulate;
            for (int index = 0; index < out.length; index++) {
                if (index < cOffset || index >= cOffset + m * n) {
                    assertEquals(c[index], out[index], what + ": wrote outside C at " + index);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = accumulate ? c[cOffset + i * n + j] : 0;
                    double magnitude = Math.abs(sum);
                    for (int p = 0; p < k; p++) {
                        double term = (double) elementA(i, p) * elementB(p, j);
                        sum += term;
                        magnitude += Math.abs(term);
                    }
                    // Float rounding error grows at most linearly with the number of terms added.
                    double tolerance = 2.0 * (k + 2) * Math.ulp(1f) * magnitude + 1e-30;
                    double got = out[cOffset + i * n + j];
                    if (!(Math.abs(got - sum) <= tolerance)) {
                        fail(what + ": C[" + i + ", " + j + "] = " + got + ", expected " + sum + " ± " + tolerance);
                    }
                }
            }
        }

        private float elementA(int i, int p) {
            return transposeA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
        }

        private float elementB(int p, int j) {
            return transposeB ? b[bOffset + j * k + p] : b[bOffset + p * n + j];
        }
    }
}
