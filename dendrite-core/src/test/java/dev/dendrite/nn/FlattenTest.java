package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlattenTest {
    @TempDir
    Path directory;

    @Test
    void flattensEachSampleAsAViewWithoutCopying() {
        Tensor x = Tensor.arange(1f, 33f, 1f).reshape(2, 1, 4, 4).detach();
        Tensor y = new Flatten().forward(x);
        assertEquals(Shape.of(2, 16), y.shape());
        assertSame(x.data(), y.data(), "Flatten copied its input");
        assertEquals(17f, y.get(1, 0));
        assertEquals(Shape.of(2, 16), new Flatten().outputShape(x.shape()));
    }

    @Test
    void theGradientIsReshapedBack() {
        Tensor x = Tensor.uniform(new Random(1), -1f, 1f, 2, 3, 2, 2).requiresGrad(true);
        assertGradientsMatch(in -> new Flatten().forward(in[0]), x);
        x.zeroGrad();
        new Flatten().forward(x).backward(Tensor.arange(1f, 25f, 1f).reshape(2, 12).detach());
        assertArrayEquals(Tensor.arange(1f, 25f, 1f).data(), x.grad().data());
        assertArrayEquals(new int[] {2, 3, 2, 2}, x.grad().shape().dims());
    }

    @Test
    void aMatrixPassesThroughAndAVectorIsRejected() {
        Tensor x = Tensor.zeros(3, 5);
        assertSame(x, new Flatten().forward(x));
        assertThrowsMentioning(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.zeros(5)), "[5]");
    }

    @Test
    void roundTripsThroughArchitectureAndModelFiles() {
        LayerRoundTrip.check(new Flatten(), Tensor.uniform(new Random(2), -1f, 1f, 2, 3, 5, 5), directory);
    }
}
