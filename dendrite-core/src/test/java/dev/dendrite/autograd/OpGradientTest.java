package dev.dendrite.autograd;

import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.RandomShapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A finite-difference gradient check of every differentiable tensor op. */
class OpGradientTest {
    private static Tensor param(long seed, float low, float high, int... dims) {
        return Tensor.uniform(seed, low, high, dims).requiresGrad(true);
    }

    /** Values in a random order whose gaps (0.1) are far wider than the checker's step, so max/min never tie. */
    private static Tensor distinct(long seed, int... dims) {
        int size = RandomShapes.size(dims);
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(0.1f * (i - size / 2));
        }
        Collections.shuffle(values, new Random(seed));
        float[] data = new float[size];
        for (int i = 0; i < size; i++) {
            data[i] = values.get(i);
        }
        return Tensor.wrap(data, dims).requiresGrad(true);
    }

    @Test
    void arithmeticOnEqualShapes() {
        Tensor a = param(1, -2, 2, 3, 4);
        Tensor b = param(2, 0.5f, 2, 3, 4);
        assertGradientsMatch(in -> in[0].add(in[1]), a, b);
        assertGradientsMatch(in -> in[0].sub(in[1]), a, b);
        assertGradientsMatch(in -> in[0].mul(in[1]), a, b);
        assertGradientsMatch(in -> in[0].div(in[1]), a, b);
    }

    @Test
    void arithmeticWithAFloat() {
        Tensor a = param(3, 0.5f, 2, 2, 3);
        assertGradientsMatch(in -> in[0].add(1.5f), a);
        assertGradientsMatch(in -> in[0].sub(1.5f), a);
        assertGradientsMatch(in -> in[0].mul(-3f), a);
        assertGradientsMatch(in -> in[0].div(4f), a);
    }

    @Test
    void broadcastGradientsAreSummedOverBroadcastAxes() {
        Tensor column = param(4, 0.5f, 2, 3, 1);
        Tensor row = param(5, 0.5f, 2, 1, 4);
        assertGradientsMatch(in -> in[0].add(in[1]), column, row);
        assertGradientsMatch(in -> in[0].sub(in[1]), column, row);
        assertGradientsMatch(in -> in[0].mul(in[1]), column, row);
        assertGradientsMatch(in -> in[0].div(in[1]), column, row);
        Tensor cube = param(6, -1, 1, 2, 3, 4);
        Tensor vector = param(7, 0.5f, 2, 4);
        assertGradientsMatch(in -> in[0].mul(in[1]), cube, vector);
        assertGradientsMatch(in -> in[1].div(in[0].add(3f)), cube, vector);
        Tensor scalar = param(8, 0.5f, 2);
        assertGradientsMatch(in -> in[0].mul(in[1]), cube, scalar);
        assertGradientsMatch(in -> in[1].sub(in[0]), cube, scalar);
    }

    @Test
    void broadcastArithmeticOnRandomShapes() {
        Random random = new Random(2024);
        for (int trial = 0; trial < 60; trial++) {
            int[] aDims = RandomShapes.shape(random, 0, 3, 3);
            int[] bDims = RandomShapes.broadcastPartner(random, aDims);
            Tensor a = param(random.nextLong(), -1, 1, aDims);
            Tensor b = param(random.nextLong(), 0.5f, 2, bDims);
            assertGradientsMatch(in -> in[0].add(in[1]).mul(in[0]), a, b);
            assertGradientsMatch(in -> in[1].sub(in[0]).mul(in[1]), a, b);
            assertGradientsMatch(in -> in[0].div(in[1]), a, b);
            assertGradientsMatch(in -> in[1].div(in[0].mul(in[0]).add(1f)), a, b);
        }
    }

    @Test
    void aTensorUsedTwice() {
        Tensor x = param(9, -2, 2, 2, 3);
        assertGradientsMatch(in -> in[0].mul(in[0]), x);
        assertGradientsMatch(in -> in[0].add(in[0]), x);
        assertGradientsMatch(in -> in[0].div(in[0].mul(in[0]).add(1f)), x);
        assertGradientsMatch(in -> in[0].matmul(in[0].transpose()), x);
        assertGradientsMatch(in -> in[0].mul(in[1]), x, x);
    }

    @Test
    void unaryMath() {
        Tensor x = param(10, -2, 2, 2, 3);
        Tensor positive = param(11, 0.5f, 3, 2, 3);
        Tensor awayFromZero = Tensor.vector(-1.5f, -0.3f, 0.2f, 0.8f, 2f).requiresGrad(true);
        assertGradientsMatch(in -> in[0].neg(), x);
        assertGradientsMatch(in -> in[0].exp(), x);
        assertGradientsMatch(in -> in[0].log(), positive);
        assertGradientsMatch(in -> in[0].sqrt(), positive);
        assertGradientsMatch(in -> in[0].abs(), awayFromZero);
        assertGradientsMatch(in -> in[0].pow(2), x);
        assertGradientsMatch(in -> in[0].pow(3), x);
        assertGradientsMatch(in -> in[0].pow(-1), positive);
        assertGradientsMatch(in -> in[0].pow(1.5f), positive);
        assertGradientsMatch(in -> in[0].clamp(-0.5f, 0.5f), awayFromZero);
    }

    @Test
    void customFormulaThroughMap() {
        Tensor x = param(12, -2, 2, 4);
        assertGradientsMatch(in -> in[0].map("cube", new Elementwise.Formula() {
            public float value(float v) {
                return v * v * v;
            }

            public float derivative(float v, float y) {
                return 3 * v * v;
            }
        }), x);
    }

    @Test
    void sumAndMean() {
        Tensor x = param(13, -1, 1, 2, 3, 4);
        assertGradientsMatch(in -> in[0].sum(), x);
        assertGradientsMatch(in -> in[0].mean(), x);
        for (int axis = -3; axis < 3; axis++) {
            int a = axis;
            assertGradientsMatch(in -> in[0].sum(a), x);
            assertGradientsMatch(in -> in[0].sum(a, true), x);
            assertGradientsMatch(in -> in[0].mean(a), x);
            assertGradientsMatch(in -> in[0].mean(a, true).mul(in[0]), x);
        }
    }

    @Test
    void maxAndMin() {
        Tensor x = distinct(14, 3, 4, 2);
        assertGradientsMatch(in -> in[0].max(), x);
        assertGradientsMatch(in -> in[0].min(), x);
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            assertGradientsMatch(in -> in[0].max(a, false), x);
            assertGradientsMatch(in -> in[0].max(a, true), x);
            assertGradientsMatch(in -> in[0].min(a, false), x);
            assertGradientsMatch(in -> in[0].min(a, true).mul(in[0]), x);
        }
    }

    @Test
    void matmul() {
        Tensor a = param(15, -1, 1, 3, 4);
        Tensor b = param(16, -1, 1, 4, 5);
        assertGradientsMatch(in -> in[0].matmul(in[1]), a, b);
        assertGradientsMatch(in -> in[0].matmul(in[1]), a, b.detach());
        assertGradientsMatch(in -> in[0].matmul(in[1]), a.detach(), b);
        Tensor wide = param(17, -1, 1, 2, 11);
        Tensor tall = param(18, -1, 1, 11, 13);
        assertGradientsMatch(in -> in[0].matmul(in[1]), wide, tall);
        Tensor batchA = param(19, -1, 1, 3, 2, 4);
        Tensor batchB = param(20, -1, 1, 3, 4, 5);
        assertGradientsMatch(in -> in[0].matmul(in[1]), batchA, batchB);
    }

    @Test
    void shapeOps() {
        Tensor x = param(21, -1, 1, 2, 3, 4);
        Tensor weights = Tensor.uniform(22, -1, 1, 4, 6);
        assertGradientsMatch(in -> in[0].reshape(6, -1).mul(in[0].reshape(6, 4)), x);
        assertGradientsMatch(in -> in[0].reshape(-1, 4).matmul(weights), x);
        assertGradientsMatch(in -> in[0].transpose(0, 2), x);
        assertGradientsMatch(in -> in[0].transpose(-1, 1).mul(in[0].transpose(1, 2)), x);
        assertGradientsMatch(in -> in[0].reshape(6, 4).transpose().matmul(in[0].reshape(6, 4)), x);
        assertGradientsMatch(in -> in[0].sliceRows(1, 2), x);
        assertGradientsMatch(in -> in[0].sliceRows(0, 1).mul(in[0].sliceRows(1, 2)), x);
        Tensor four = param(23, -1, 1, 2, 3, 2, 2);
        assertGradientsMatch(in -> in[0].transpose(1, 3).mul(in[0].transpose(3, 1)), four);
    }

    @Test
    void reductionsAndShapeOpsOnRandomShapes() {
        Random random = new Random(77);
        for (int trial = 0; trial < 40; trial++) {
            int[] dims = RandomShapes.shape(random, 1, 4, 3);
            for (int i = 0; i < dims.length; i++) {
                dims[i] = Math.max(1, dims[i]);
            }
            Tensor x = distinct(random.nextLong(), dims);
            int axis = random.nextInt(dims.length);
            int other = random.nextInt(dims.length);
            boolean keepDims = random.nextBoolean();
            int from = random.nextInt(dims[0]);
            int to = from + 1 + random.nextInt(dims[0] - from);
            assertGradientsMatch(in -> in[0].sum(axis, keepDims).mul(in[0].max(axis, keepDims)), x);
            assertGradientsMatch(in -> in[0].mean(axis, keepDims).add(in[0].min(axis, keepDims)), x);
            assertGradientsMatch(in -> in[0].transpose(axis, other).mul(in[0].transpose(other, axis)), x);
            assertGradientsMatch(in -> in[0].sliceRows(from, to).reshape(-1).mul(in[0].sliceRows(from, to).reshape(-1)),
                    x);
        }
    }

    @Test
    void aSmallNetwork() {
        Tensor x = Tensor.uniform(24, -1, 1, 5, 3);
        Tensor w1 = param(25, -1, 1, 3, 4);
        Tensor b1 = param(26, -1, 1, 4);
        Tensor w2 = param(27, -1, 1, 4, 2);
        assertGradientsMatch(in -> x.matmul(in[0]).add(in[1]).exp().matmul(in[2]).sub(1f).pow(2).mean(0),
                w1, b1, w2);
    }
}
