package dev.dendrite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ValidateTest {
    @Test
    void theLazyFormsBuildNoMessageWhenTheCheckHolds() {
        AtomicInteger built = new AtomicInteger();
        Supplier<String> expected = () -> "expected " + built.incrementAndGet();
        Supplier<Object> got = () -> new int[] {built.incrementAndGet()};
        Validate.argument(true, "op", expected, got);
        Validate.argument(true, "op", "x", got);
        Validate.state(true, "op", expected, got);
        Validate.state(true, "op", "x", got);
        assertEquals(0, built.get());
    }

    @Test
    void everyFormWritesTheSameMessage() {
        String want = "matmul: expected a 2-d tensor, got [2, 3]";
        assertEquals(want, assertThrows(IllegalArgumentException.class,
                () -> Validate.argument(false, "matmul", "a 2-d tensor", new int[] {2, 3})).getMessage());
        assertEquals(want, assertThrows(IllegalArgumentException.class,
                () -> Validate.argument(false, "matmul", "a 2-d tensor", () -> new int[] {2, 3})).getMessage());
        assertEquals(want, assertThrows(IllegalArgumentException.class,
                () -> Validate.argument(false, "matmul", () -> "a 2-d tensor", () -> new int[] {2, 3})).getMessage());
        assertEquals(want, assertThrows(IllegalStateException.class,
                () -> Validate.state(false, "matmul", "a 2-d tensor", () -> new int[] {2, 3})).getMessage());
        assertEquals(want, assertThrows(IllegalStateException.class,
                () -> Validate.state(false, "matmul", () -> "a 2-d tensor", () -> new int[] {2, 3})).getMessage());
        assertEquals(want, assertThrows(IllegalArgumentException.class,
                () -> Validate.fail("matmul", "a 2-d tensor", new int[] {2, 3})).getMessage());
    }

    @Test
    void failEndsABranchWhereTheCompilerNeedsAThrow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule("linear"));
        assertEquals("schedule: expected constant or cosine, got 'linear'", e.getMessage());
        assertEquals(1, schedule("constant"));
    }

    private static int schedule(String name) {
        return switch (name) {
            case "constant" -> 1;
            case "cosine" -> 2;
            default -> throw Validate.fail("schedule", "constant or cosine", "'" + name + "'");
        };
    }
}
