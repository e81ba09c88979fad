package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdentityTest {
    private static final float[] X = {-1e30f, -2.5f, 0f, 0.75f, 1e30f};

    @Test
    void returnsItsInput() {
        assertValues(new Identity(), X, new double[] {-1e30f, -2.5, 0, 0.75, 1e30f});
    }

    @Test
    void derivativeIsOneEverywhere() {
        assertDerivatives(new Identity(), X, new double[] {1, 1, 1, 1, 1});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new Identity(), 0f);
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("Identity()", new Identity().toString());
        assertEquals("identity", new Identity().name());
    }
}
