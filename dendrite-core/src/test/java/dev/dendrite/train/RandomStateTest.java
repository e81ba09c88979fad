package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomStateTest {
    @Test
    void aRestoredGeneratorContinuesTheSameNumbers() {
        Random seeds = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            Random original = new Random(seeds.nextLong());
            for (int i = seeds.nextInt(100); i > 0; i--) {
                original.nextFloat();
            }
            long state = RandomState.read(original);
            Random restored = new Random(12345);
            RandomState.restore(restored, state);
            for (int i = 0; i < 10; i++) {
                assertEquals(original.nextLong(), restored.nextLong(), "trial " + trial + ", draw " + i);
            }
        }
    }

    @Test
    void readingLeavesTheGeneratorAlone() {
        Random read = new Random(8);
        Random untouched = new Random(8);
        RandomState.read(read);
        assertEquals(untouched.nextInt(), read.nextInt());
    }

    @Test
    void theStateOfNewRandomSeedIsTheScrambledSeed() {
        assertEquals(42L ^ 0x5DEECE66DL, RandomState.read(new Random(42)));
    }

    @Test
    void dropoutGeneratorsAreFoundByPath() {
        Random shared = new Random(1);
        Sequential model = new Sequential(new Dense(2, 3, shared), new ReLU(), new Dropout(0.5, shared),
                new Sequential(new Dropout(0.1, new Random(2))));
        assertEquals(List.of("layers.2", "layers.3.layers.0"), List.copyOf(RandomState.generators(model).keySet()));
        assertEquals(shared, RandomState.generators(model).get("layers.2"));
    }

    @Test
    void otherGeneratorsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomState.read(new SecureRandom()));
        assertEquals("checkpoint: expected generators of class java.util.Random, got java.security.SecureRandom, "
                + "whose state a checkpoint cannot restore", e.getMessage());
    }
}
