package dev.dendrite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** toString and allClose. */
class TensorFormatTest {
    @Test
    void smallTensorsShowEveryValue() {
        assertEquals("tensor(3.0, shape=[])", Tensor.scalar(3).toString());
        assertEquals("tensor([1.0, 2.500, 3.0], shape=[3])", Tensor.vector(1, 2.5f, 3).toString());
        assertEquals("tensor([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], shape=[6])", Tensor.arange(6).toString());
        assertEquals("tensor([[1.0, 2.0],\n        [3.0, 4.0]], shape=[2, 2])",
                Tensor.matrix(new float[] {1, 2}, new float[] {3, 4}).toString());
        assertEquals("tensor([], shape=[0])", Tensor.zeros(0).toString());
    }

    @Test
    void bigTensorsAreElidedInTheMiddle() {
        String text = Tensor.arange(100).toString();
        assertEquals("tensor([0.0, 1.0, 2.0, ..., 97.0, 98.0, 99.0], shape=[100])", text);
        assertEquals("tensor([0.0, 1.0, 2.0, ..., 4.0, 5.0, 6.0], shape=[7])", Tensor.arange(7).toString());
        String matrix = Tensor.arange(400).reshape(20, 20).toString();
        assertTrue(matrix.contains("[0.0, 1.0, 2.0, ..., 17.0, 18.0, 19.0],"), matrix);
        assertTrue(matrix.contains("\n        ...,\n"), matrix);
        assertTrue(matrix.endsWith("[380.0, 381.0, 382.0, ..., 397.0, 398.0, 399.0]], shape=[20, 20])"), matrix);
        assertFalse(matrix.contains("100.0"), "middle rows are left out: " + matrix);
        assertEquals(7, matrix.split("\n").length, "three rows, the ellipsis, three rows");
    }

    @Test
    void hugeTensorsPrintQuickly() {
        String text = Tensor.zeros(1000, 1000).toString();
        assertTrue(text.length() < 500, "length " + text.length());
    }

    @Test
    void specialValuesAndGradFlag() {
        assertEquals("tensor([NaN, -Infinity, 1.000e+09, 1.000e-05], shape=[4])",
                Tensor.vector(Float.NaN, Float.NEGATIVE_INFINITY, 1e9f, 1e-5f).toString());
        assertEquals("tensor([1.0], shape=[1], requiresGrad=true)", Tensor.vector(1).requiresGrad(true).toString());
        assertEquals("tensor([[[0.0, 1.0],\n         [2.0, 3.0]],\n        [[4.0, 5.0],\n         [6.0, 7.0]]],"
                + " shape=[2, 2, 2])", Tensor.arange(8).reshape(2, 2, 2).toString());
    }

    @Test
    void allCloseComparesShapesAndValues() {
        Tensor a = Tensor.vector(1, 2, 3);
        assertTrue(a.allClose(Tensor.vector(1, 2, 3), 0));
        assertTrue(a.allClose(Tensor.vector(1.05f, 2, 2.95f), 0.1f));
        assertFalse(a.allClose(Tensor.vector(1.2f, 2, 3), 0.1f));
        assertFalse(a.allClose(Tensor.of(new float[] {1, 2, 3}, 3, 1), 1), "shapes must match");
        assertFalse(a.allClose(Tensor.vector(1, 2), 1));
        assertTrue(Tensor.vector(1000).allClose(Tensor.vector(1010), 0, 0.011f), "relative tolerance scales");
        assertFalse(Tensor.vector(1000).allClose(Tensor.vector(1010), 0, 0.009f));
    }

    @Test
    void allCloseOnSpecialValues() {
        assertFalse(Tensor.vector(Float.NaN).allClose(Tensor.vector(Float.NaN), 1), "NaN never matches");
        assertFalse(Tensor.vector(1).allClose(Tensor.vector(Float.NaN), 1));
        assertTrue(Tensor.vector(Float.POSITIVE_INFINITY).allClose(Tensor.vector(Float.POSITIVE_INFINITY), 0));
        assertFalse(Tensor.vector(Float.POSITIVE_INFINITY).allClose(Tensor.vector(Float.NEGATIVE_INFINITY), 1));
        assertFalse(Tensor.vector(Float.POSITIVE_INFINITY).allClose(Tensor.vector(1e30f), 1, 1));
        assertTrue(Tensor.zeros(0, 3).allClose(Tensor.zeros(0, 3), 0));
    }
}
