package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReLUTest {
    private static final float[] X = {-1e6f, -2f, -0.5f, 0f, 0.5f, 3f, 1e6f};

    @Test
    void keepsPositivesAndZeroesNegatives() {
        assertValues(new ReLU(), X, new double[] {0, 0, 0, 0, 0.5, 3, 1e6});
    }

    @Test
    void derivativeIsOneForPositivesAndZeroAtAndBelowZero() {
        assertDerivatives(new ReLU(), X, new double[] {0, 0, 0, 0, 1, 1, 1});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new ReLU(), 0.05f);
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("ReLU()", new ReLU().toString());
        assertEquals("relu", new ReLU().name());
    }
}
