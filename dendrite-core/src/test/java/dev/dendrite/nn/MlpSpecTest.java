package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpSpecTest {
    @Test
    void parsesWidthsAndActivations() {
        MlpSpec spec = MlpSpec.parse("mlp:1-32-32-16-16-1:sigmoid:tanh");
        assertArrayEquals(new int[] {1, 32, 32, 16, 16, 1}, spec.sizes());
        assertEquals("sigmoid", spec.hiddenActivation());
        assertEquals("tanh", spec.outputActivation());
        assertEquals("mlp:1-32-32-16-16-1:sigmoid:tanh", spec.toString());
        assertEquals(spec, MlpSpec.parse(spec.toString()));
    }

    @Test
    void buildsLayersInOrderWithALinearOutputByDefault() {
        Sequential model = MlpSpec.parse("mlp:784-256-128-10:relu").build(new Random(1));
        assertEquals(5, model.layers().size());
        assertEquals(784L * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, model.parameterCount());
        assertTrue(model.namedParameters().containsKey("layers.4.weight"));
        assertArrayEquals(new int[] {3, 10}, model.forward(Tensor.zeros(3, 784)).shape().dims());
    }

    @Test
    void theSameSeedBuildsTheSameWeights() {
        MlpSpec spec = MlpSpec.parse("mlp:4-8-2:tanh");
        assertArrayEquals(spec.build(new Random(3)).parameters().get(0).toArray(),
                spec.build(new Random(3)).parameters().get(0).toArray());
    }

    @Test
    void rejectsMalformedSpecsWithTheTextInTheMessage() {
        for (String bad : new String[] {"mlp", "mlp:4", "mlp:4-x-2", "mlp:4-0-2", "cnn:4-2", "mlp:4-2:nope"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpSpec.parse(bad), bad);
            assertTrue(e.getMessage().contains("expected"), e.getMessage());
        }
    }
}
