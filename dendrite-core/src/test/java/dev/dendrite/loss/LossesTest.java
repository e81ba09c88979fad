package dev.dendrite.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossesTest {
    @Test
    void namesGiveTheirLossesAndSayWhichFitNumericTargets() {
        assertEquals(List.of("cross_entropy", "binary_cross_entropy", "mse", "mae", "huber"),
                List.copyOf(Losses.names()));
        assertInstanceOf(CrossEntropy.class, Losses.byName("cross_entropy"));
        assertInstanceOf(BinaryCrossEntropy.class, Losses.byName("binary_cross_entropy"));
        assertInstanceOf(MSE.class, Losses.byName("mse"));
        assertInstanceOf(MAE.class, Losses.byName("mae"));
        assertInstanceOf(Huber.class, Losses.byName("huber"));
        assertTrue(Losses.isRegression("huber"));
        assertFalse(Losses.isRegression("cross_entropy"));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("hinge"));
        assertEquals("loss: expected one of cross_entropy, binary_cross_entropy, mse, mae, huber, got 'hinge'",
                e.getMessage());
    }
}
