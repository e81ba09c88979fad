package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequentialTest {
    @Test
    void anObserverSeesEveryLayersOutputInOrder() {
        Random random = new Random(1);
        Sequential model = new Sequential(new Dense(3, 4, random), new ReLU(), new Dense(4, 2, random));
        Tensor x = Tensor.uniform(2L, -1f, 1f, 5, 3);
        List<String> seen = new ArrayList<>();
        Tensor observed = model.forward(x, (index, layer, output) ->
                seen.add(index + ":" + layer + ":" + output.shape()));
        assertEquals(List.of("0:Dense(3 -> 4):[5, 4]", "1:ReLU():[5, 4]", "2:Dense(4 -> 2):[5, 2]"), seen);
        assertArrayEquals(model.forward(x).toArray(), observed.toArray());
    }

    @Test
    void aShapeErrorNamesTheLayerPath() {
        Sequential model = new Sequential(new Dense(3, 4, new Random(1)), new Dense(5, 2, new Random(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("layers.1: Dense(5 -> 2)"), e.getMessage());
    }
}
