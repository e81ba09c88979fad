package dev.dendrite.tensor;

import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.testing.RandomShapes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** reshape, transpose, sliceRows and element access. */
class TensorShapeOpsTest {
    @Test
    void reshapeKeepsRowMajorOrder() {
        Tensor x = Tensor.arange(6);
        assertValues(new float[] {0, 1, 2, 3, 4, 5}, new int[] {2, 3}, x.reshape(2, 3));
        assertEquals(5f, x.reshape(3, 2).get(2, 1));
        assertValues(new float[] {7}, new int[] {}, Tensor.vector(7).reshape());
        assertValues(new float[] {7}, new int[] {1, 1, 1}, Tensor.scalar(7).reshape(1, 1, 1));
    }

    @Test
    void reshapeInfersOneMinusOne() {
        Tensor x = Tensor.arange(24);
        assertEquals(Shape.of(2, 3, 4), x.reshape(2, -1, 4).shape());
        assertEquals(Shape.of(24), x.reshape(2, 3, 4).reshape(-1).shape());
        assertEquals(Shape.of(6, 4), x.reshape(-1, 4).shape());
        assertEquals(Shape.of(0, 5), Tensor.zeros(0).reshape(-1, 5).shape());
    }

    @Test
    void reshapeErrorsNameTheShapes() {
        Tensor x = Tensor.zeros(2, 3);
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.reshape(4, 5), "reshape", "[2, 3]", "[4, 5]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.reshape(4, -1), "reshape", "[2, 3]",
                "[4, -1]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.reshape(-1, -1), "reshape", "[-1, -1]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.reshape(-2, -3), "reshape", "[-2, -3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).reshape(0, -1), "reshape",
                "[0, -1]");
    }

    @Test
    void reshapeOfRandomShapesRoundTrips() {
        Random random = new Random(55);
        for (int trial = 0; trial < 200; trial++) {
            int[] dims = RandomShapes.shape(random, 0, 4, 5);
            Tensor x = Tensor.wrap(RandomShapes.values(random, RandomShapes.size(dims), -1, 1), dims);
            Tensor flat = x.reshape(x.size());
            assertValues(x.data(), new int[] {x.size()}, flat);
            assertValues(x.data(), dims, flat.reshape(dims));
            if (dims.length > 0 && x.size() > 0) {
                int[] inferred = dims.clone();
                inferred[random.nextInt(dims.length)] = -1;
                assertValues(x.data(), dims, flat.reshape(inferred));
            }
        }
    }

    @Test
    void transposeOfAMatrix() {
        Tensor m = Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5, 6});
        assertValues(new float[] {1, 4, 2, 5, 3, 6}, new int[] {3, 2}, m.transpose());
        assertValues(m.data(), new int[] {2, 3}, m.transpose().transpose());
        assertValues(new float[] {1, 4, 2, 5, 3, 6}, new int[] {3, 2}, m.transpose(-1, -2));
        assertValues(m.data(), new int[] {2, 3}, m.transpose(1, 1));
        assertValues(new float[0], new int[] {3, 0}, Tensor.zeros(0, 3).transpose());
    }

    @Test
    void transposeErrors() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).transpose(),
                "transpose", "[2, 3, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(3).transpose(), "transpose", "[3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).transpose(0, 2), "axis",
                "[2, 3]");
    }

    @Test
    void transposeOfTwoAxesMatchesAReferenceOnRandomShapes() {
        Random random = new Random(66);
        for (int trial = 0; trial < 300; trial++) {
            int[] dims = RandomShapes.shape(random, 2, 4, 5);
            Tensor x = Tensor.wrap(RandomShapes.values(random, RandomShapes.size(dims), -1, 1), dims);
            int first = random.nextInt(dims.length);
            int second = random.nextInt(dims.length);
            int[] outDims = dims.clone();
            outDims[first] = dims[second];
            outDims[second] = dims[first];
            float[] expected = new float[x.size()];
            for (int i = 0; i < expected.length; i++) {
                int[] index = RandomShapes.unravel(i, dims);
                int swap = index[first];
                index[first] = index[second];
                index[second] = swap;
                expected[RandomShapes.ravel(index, outDims)] = x.data()[i];
            }
            int firstArgument = random.nextBoolean() ? first : first - dims.length;
            assertValues(expected, outDims, x.transpose(firstArgument, second));
        }
    }

    @Test
    void sliceRowsCopiesARangeOfTheFirstAxis() {
        Tensor x = Tensor.arange(12).reshape(4, 3);
        assertValues(new float[] {3, 4, 5, 6, 7, 8}, new int[] {2, 3}, x.sliceRows(1, 3));
        assertValues(new float[0], new int[] {0, 3}, x.sliceRows(2, 2));
        assertValues(x.data(), new int[] {4, 3}, x.sliceRows(0, 4));
        assertValues(new float[] {2, 3}, new int[] {2}, Tensor.arange(5).sliceRows(2, 4));
        Tensor slice = x.sliceRows(0, 1);
        slice.data()[0] = 100;
        assertEquals(0f, x.get(0, 0), "a slice is a copy");
    }

    @Test
    void sliceRowsOfRandomShapes() {
        Random random = new Random(77);
        for (int trial = 0; trial < 200; trial++) {
            int[] dims = RandomShapes.shape(random, 1, 4, 5);
            Tensor x = Tensor.wrap(RandomShapes.values(random, RandomShapes.size(dims), -1, 1), dims);
            int from = random.nextInt(dims[0] + 1);
            int to = from + random.nextInt(dims[0] - from + 1);
            int rowSize = dims[0] == 0 ? 0 : x.size() / dims[0];
            int[] outDims = dims.clone();
            outDims[0] = to - from;
            float[] expected = java.util.Arrays.copyOfRange(x.data(), from * rowSize, to * rowSize);
            assertValues(expected, outDims, x.sliceRows(from, to));
        }
    }

    @Test
    void sliceRowsErrors() {
        Tensor x = Tensor.zeros(4, 3);
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.sliceRows(2, 5), "sliceRows", "[4, 3]",
                "to = 5");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.sliceRows(3, 2), "sliceRows", "from = 3");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.sliceRows(-1, 2), "sliceRows", "from = -1");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.scalar(1).sliceRows(0, 1), "sliceRows",
                "[]");
    }

    @Test
    void getReadsRowMajorAndChecksIndices() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertEquals(23f, x.get(1, 2, 3));
        assertEquals(6f, x.get(0, 1, 2));
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.get(1, 2), "get", "3 indices", "[2, 3, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.get(0, 3, 0), "get", "axis 1", "[2, 3, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.get(-1, 0, 0), "get", "axis 0", "-1");
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertEquals(4f, Tensor.of(new float[] {4}, 1, 1).item());
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).item(), "item", "[2, 3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(0).item(), "item", "[0]");
    }

    @Test
    void shapeAccessors() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertEquals(3, x.rank());
        assertEquals(24, x.size());
        assertEquals(4, x.shape().dim(-1));
        assertEquals("[2, 3, 4]", x.shape().toString());
    }
}
