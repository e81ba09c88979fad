package dev.dendrite.tensor;

import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void sizeRankAndStrides() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(3, s.rank());
        assertEquals(24, s.size());
        assertArrayEquals(new int[] {12, 4, 1}, s.strides());
        assertEquals(1, Shape.of().size());
        assertEquals(0, Shape.of(3, 0).size());
    }

    @Test
    void isImmutable() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        s.dims()[1] = 9;
        assertEquals(Shape.of(2, 3), s);
        assertEquals(Shape.of(2, 3).hashCode(), s.hashCode());
        assertNotEquals(Shape.of(3, 2), s);
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(2, s.axis(-1));
        assertEquals(0, s.axis(-3));
        assertEquals(3, s.dim(-2));
        assertThrowsMentioning(IllegalArgumentException.class, () -> s.axis(3), "axis", "[-3, 3)", "[2, 3, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> s.axis(-4), "axis", "-4");
    }

    @Test
    void broadcastFollowsNumPy() {
        assertEquals(Shape.of(3, 4), Shape.broadcast("add", Shape.of(3, 1), Shape.of(1, 4)));
        assertEquals(Shape.of(0, 3), Shape.broadcast("add", Shape.of(0, 3), Shape.of(3)));
        assertEquals(Shape.of(2, 3, 4), Shape.broadcast("add", Shape.of(2, 3, 4), Shape.of(4)));
        assertEquals(Shape.of(2, 3), Shape.broadcast("add", Shape.of(), Shape.of(2, 3)));
        assertEquals(Shape.of(0), Shape.broadcast("add", Shape.of(1), Shape.of(0)));
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Shape.broadcast("add", Shape.of(2, 3), Shape.of(4)), "add", "[2, 3]", "[4]");
    }

    @Test
    void reduceDropsOrKeepsTheAxis() {
        assertEquals(Shape.of(2, 4), Shape.of(2, 3, 4).reduce(1, false));
        assertEquals(Shape.of(2, 1, 4), Shape.of(2, 3, 4).reduce(-2, true));
        assertEquals(Shape.of(), Shape.of(5).reduce(0, false));
    }

    @Test
    void rejectsNegativeAndOverflowingDimensions() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> Shape.of(2, -3), "Shape", "[2, -3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Shape.of(65536, 65536), "Shape", "2^31-1");
    }
}
