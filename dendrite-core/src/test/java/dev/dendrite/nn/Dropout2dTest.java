package dev.dendrite.nn;

import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LayerRoundTrip;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dropout2dTest {
    @TempDir
    Path directory;

    @Test
    void dropsWholeChannelsAndScalesTheRest() {
        Dropout2d dropout = new Dropout2d(0.25, new Random(1));
        Tensor y = dropout.forward(Tensor.ones(50, 40, 3, 3));
        int dropped = 0;
        for (int map = 0; map < 50 * 40; map++) {
            float first = y.data()[map * 9];
            for (int p = 0; p < 9; p++) {
                assertEquals(first, y.data()[map * 9 + p], "map " + map + " was not dropped or kept whole");
            }
            assertTrue(first == 0f || first == 1f / 0.75f, "value " + first);
            dropped += first == 0f ? 1 : 0;
        }
        assertEquals(0.25, dropped / 2000.0, 0.03);
        assertEquals(1.0, y.mean().item(), 0.05);
    }

    @Test
    void theGradientIsTheSameMaskAndSeedsRepeat() {
        Tensor x = Tensor.ones(4, 6, 2, 2).requiresGrad(true);
        Tensor y = new Dropout2d(0.5, new Random(3)).forward(x);
        y.sum().backward();
        assertArrayEquals(y.toArray(), x.grad().toArray());
        assertArrayEquals(y.toArray(), new Dropout2d(0.5, new Random(3)).forward(Tensor.ones(4, 6, 2, 2)).toArray());
    }

    @Test
    void evaluationPassesInputsThroughAndTheGeneratorIsExposedForCheckpoints() {
        Random random = new Random(1);
        Dropout2d dropout = new Dropout2d(0.5, random);
        dropout.eval();
        Tensor x = Tensor.ones(2, 3, 4, 4);
        assertSame(x, dropout.forward(x));
        assertSame(random, dropout.random());
        assertEquals(java.util.Set.of("layers.0"), new Sequential(dropout).stochasticModules().keySet());
    }

    @Test
    void rejectsBadProbabilitiesAndNonImages() {
        assertThrowsMentioning(IllegalArgumentException.class, () -> new Dropout2d(1.0, new Random(1)), "[0, 1)");
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> new Dropout2d(0.5, new Random(1)).forward(Tensor.ones(3, 4)), "[N, C, H, W]", "[3, 4]");
    }

    @Test
    void roundTripsThroughArchitectureAndModelFiles() {
        LayerRoundTrip.check(new Dropout2d(0.3, new Random(1)), Tensor.ones(2, 3, 2, 2), directory);
    }
}
