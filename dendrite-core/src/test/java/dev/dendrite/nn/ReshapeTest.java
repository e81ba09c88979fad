package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.dendrite.io.Architecture;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReshapeTest {
    @TempDir
    Path directory;

    @Test
    void unflattensRowsIntoImagesAsAView() {
        Tensor x = Tensor.arange(1f, 33f, 1f).reshape(2, 16).detach();
        Reshape reshape = new Reshape(1, 4, 4);
        Tensor y = reshape.forward(x);
        assertEquals(Shape.of(2, 1, 4, 4), y.shape());
        assertSame(x.data(), y.data(), "Reshape copied its input");
        assertEquals(32f, y.get(1, 0, 3, 3));
        assertEquals(Shape.of(2, 1, 4, 4), new Reshape(1, -1, 4).outputShape(x.shape()));
        assertEquals("Reshape(1,4,4)", reshape.toString());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        assertGradientsMatch(in -> new Reshape(2, -1).forward(in[0]),
                Tensor.uniform(new Random(1), -1f, 1f, 3, 6).requiresGrad(true));
    }

    @Test
    void rejectsShapesThatDoNotFit() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> new Reshape(1, 28, 28).forward(Tensor.zeros(2, 785)),
                "[2, 785]", "784");
        assertThrowsMentioning(IllegalArgumentException.class, () -> new Reshape(-1, -1), "at most one -1");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> Architecture.build("[{\"type\":\"reshape\",\"shape\":\"1x28\"}]", new Random(1)), "\"1x28\"");
    }

    @Test
    void roundTripsThroughArchitectureAndModelFiles() {
        LayerRoundTrip.check(new Reshape(3, -1), Tensor.uniform(new Random(2), -1f, 1f, 2, 3, 5, 5), directory);
    }
}
