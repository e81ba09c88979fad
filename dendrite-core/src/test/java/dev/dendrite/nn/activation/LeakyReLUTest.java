package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeakyReLUTest {
    private static final float[] X = {-1e6f, -2f, 0f, 0.5f, 1e6f};

    @Test
    void defaultSlopeIsOneHundredth() {
        assertValues(new LeakyReLU(), X, new double[] {-1e4, -0.02, 0, 0.5, 1e6});
        assertEquals(0.01f, new LeakyReLU().alpha());
    }

    @Test
    void customSlope() {
        assertValues(new LeakyReLU(0.2f), X, new double[] {-2e5, -0.4, 0, 0.5, 1e6});
    }

    @Test
    void derivativeIsAlphaAtAndBelowZero() {
        assertDerivatives(new LeakyReLU(0.2f), X, new double[] {0.2f, 0.2f, 0.2f, 1, 1});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new LeakyReLU(), 0.05f);
        assertContract(new LeakyReLU(0.3f), 0.05f);
    }

    @Test
    void rejectsNegativeOrNonFiniteAlpha() {
        for (float bad : new float[] {-0.1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(bad));
            assertTrue(e.getMessage().startsWith("LeakyReLU: expected alpha >= 0, got alpha = "), e.getMessage());
        }
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("LeakyReLU(alpha=0.01)", new LeakyReLU().toString());
        assertEquals("leaky_relu", new LeakyReLU(0.2f).name());
    }
}
