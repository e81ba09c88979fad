package dev.dendrite.tensor;

import static dev.dendrite.testing.TensorAssert.assertClose;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static dev.dendrite.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.testing.RandomShapes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sum, mean, max, min and argmax, overall and along each axis. */
class TensorReductionTest {
    private static final Tensor M = Tensor.matrix(new float[] {1, 5, 3}, new float[] {4, 2, 6});

    @Test
    void handComputedOverallReductions() {
        assertValues(new float[] {21}, new int[] {}, M.sum());
        assertValues(new float[] {3.5f}, new int[] {}, M.mean());
        assertValues(new float[] {6}, new int[] {}, M.max());
        assertValues(new float[] {1}, new int[] {}, M.min());
        assertEquals(5, M.argmax());
        assertValues(new float[] {4}, new int[] {}, Tensor.scalar(4).sum());
    }

    @Test
    void handComputedAxisReductions() {
        assertValues(new float[] {5, 7, 9}, new int[] {3}, M.sum(0));
        assertValues(new float[] {9, 12}, new int[] {2}, M.sum(1));
        assertValues(new float[] {9, 12}, new int[] {2, 1}, M.sum(-1, true));
        assertValues(new float[] {5, 7, 9}, new int[] {1, 3}, M.sum(0, true));
        assertValues(new float[] {2.5f, 3.5f, 4.5f}, new int[] {3}, M.mean(0));
        assertValues(new float[] {3, 4}, new int[] {2, 1}, M.mean(1, true));
        assertValues(new float[] {4, 5, 6}, new int[] {3}, M.max(0, false));
        assertValues(new float[] {5, 6}, new int[] {2, 1}, M.max(1, true));
        assertValues(new float[] {1, 2, 3}, new int[] {1, 3}, M.min(0, true));
        assertValues(new float[] {1, 2}, new int[] {2}, M.min(-1, false));
        assertArrayEquals(new int[] {1, 0, 1}, M.argmax(0));
        assertArrayEquals(new int[] {1, 2}, M.argmax(1));
        assertArrayEquals(new int[] {1, 2}, M.argmax(-1));
    }

    @Test
    void tiesGoToTheFirstIndex() {
        Tensor t = Tensor.vector(3, 7, 7, 1, 7);
        assertEquals(1, t.argmax());
        assertArrayEquals(new int[] {1}, t.argmax(0));
    }

    @Test
    void nanWinsMaxAndMin() {
        Tensor t = Tensor.vector(1, Float.NaN, 3);
        assertEquals(Float.NaN, t.max().item());
        assertEquals(Float.NaN, t.min().item());
        assertEquals(1, t.argmax());
        assertEquals(Float.NaN, Tensor.vector(Float.NaN, 5).max().item(), "a leading NaN is kept");
    }

    @Test
    void emptyReductions() {
        assertValues(new float[] {0}, new int[] {}, Tensor.zeros(0).sum());
        assertEquals(Float.NaN, Tensor.zeros(0, 3).mean().item());
        assertValues(new float[] {0, 0, 0}, new int[] {3}, Tensor.zeros(0, 3).sum(0));
        assertValues(new float[0], new int[] {0}, Tensor.zeros(0, 3).sum(1));
        assertValues(new float[0], new int[] {0}, Tensor.zeros(0, 3).max(1, false));
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).max(0, false),
                "max", "[0, 3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(0).min(), "min", "[0]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).argmax(), "argmax", "[2, 0]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).argmax(1), "argmax",
                "[2, 0]");
    }

    @Test
    void badAxesNameTheShape() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> M.sum(2), "axis", "[2, 3]", "2");
        assertThrowsMentioning(IllegalArgumentException.class, () -> M.max(-3, false), "axis", "[2, 3]", "-3");
        assertThrowsMentioning(IllegalArgumentException.class, () -> M.mean(5), "axis", "[2, 3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> M.argmax(2), "axis", "[2, 3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.scalar(1).sum(0), "axis", "[]");
    }

    @Test
    void overallReductionsMatchAReferenceLoop() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int[] dims = RandomShapes.shape(random, 0, 4, 5);
            Tensor x = Tensor.wrap(RandomShapes.values(random, RandomShapes.size(dims), -5f, 5f), dims);
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            int argmax = -1;
            for (int i = 0; i < x.size(); i++) {
                float v = x.data()[i];
                sum += v;
                min = Math.min(min, v);
                if (v > max) {
                    max = v;
                    argmax = i;
                }
            }
            String context = "trial " + trial + " shape " + x.shape();
            assertClose(new double[] {sum}, new int[] {}, x.sum(), 1e-5, context + " sum");
            assertClose(new double[] {sum / x.size()}, new int[] {}, x.mean(), 1e-5, context + " mean");
            if (x.size() > 0) {
                assertClose(new double[] {max}, new int[] {}, x.max(), 0, context + " max");
                assertClose(new double[] {min}, new int[] {}, x.min(), 0, context + " min");
                assertEquals(argmax, x.argmax(), context + " argmax");
            }
        }
    }

    @Test
    void axisReductionsMatchAReferenceLoop() {
        Random random = new Random(8);
        int checked = 0;
        for (int trial = 0; trial < 200; trial++) {
            int[] dims = RandomShapes.shape(random, 1, 4, 5);
            Tensor x = Tensor.wrap(RandomShapes.values(random, RandomShapes.size(dims), -5f, 5f), dims);
            for (int axis = -dims.length; axis < dims.length; axis++) {
                checkAxis(x, axis, "trial " + trial + " shape " + x.shape() + " axis " + axis);
                checked++;
            }
        }
        assertEquals(true, checked > 400, "axes checked: " + checked);
    }

    private static void checkAxis(Tensor x, int axis, String context) {
        int[] dims = x.shape().dims();
        int resolved = axis < 0 ? axis + dims.length : axis;
        int[] kept = dims.clone();
        kept[resolved] = 1;
        int[] dropped = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != resolved) {
                dropped[j++] = dims[i];
            }
        }
        int outSize = RandomShapes.size(kept);
        double[] sum = new double[outSize];
        double[] max = new double[outSize];
        double[] min = new double[outSize];
        double[] argmax = new double[outSize];
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        for (int i = 0; i < x.size(); i++) {
            int[] index = RandomShapes.unravel(i, dims);
            int along = index[resolved];
            index[resolved] = 0;
            int out = RandomShapes.ravel(index, kept);
            float v = x.data()[i];
            sum[out] += v;
            min[out] = Math.min(min[out], v);
            if (v > max[out]) {
                max[out] = v;
                argmax[out] = along;
            }
        }
        double[] mean = new double[outSize];
        for (int i = 0; i < outSize; i++) {
            mean[i] = sum[i] / dims[resolved];
        }
        assertClose(sum, kept, x.sum(axis, true), 1e-5, context + " sum keepDims");
        assertClose(sum, dropped, x.sum(axis), 1e-5, context + " sum");
        assertClose(mean, kept, x.mean(axis, true), 1e-5, context + " mean keepDims");
        assertClose(mean, dropped, x.mean(axis), 1e-5, context + " mean");
        if (dims[resolved] == 0) {
            assertThrowsMentioning(IllegalArgumentException.class, () -> x.max(axis, true), "max");
            assertThrowsMentioning(IllegalArgumentException.class, () -> x.argmax(axis), "argmax");
            return;
        }
        assertClose(max, kept, x.max(axis, true), 0, context + " max keepDims");
        assertClose(max, dropped, x.max(axis, false), 0, context + " max");
        assertClose(min, kept, x.min(axis, true), 0, context + " min keepDims");
        assertClose(min, dropped, x.min(axis, false), 0, context + " min");
        int[] indices = x.argmax(axis);
        double[] actual = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            actual[i] = indices[i];
        }
        assertClose(argmax, dropped, Tensor.of(toFloats(actual), dropped), 0, context + " argmax");
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
