package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TanhTest {
    private static final float[] X = {-1000f, -5f, -1f, 0f, 1f, 2f, 5f, 1000f};

    @Test
    void matchesHandComputedValuesAndSaturatesWithoutOverflow() {
        // tanh(1) = (e - 1/e) / (e + 1/e); tanh(5) = 1 - 2/(e^10 + 1)
        assertValues(new Tanh(), X, new double[] {
            -1, -0.9999092042625951, -0.7615941559557649, 0, 0.7615941559557649, 0.9640275800758169,
            0.9999092042625951, 1});
    }

    @Test
    void derivativeIsOneMinusTheSquareOfTheOutput() {
        assertDerivatives(new Tanh(), new float[] {-1000f, -1f, 0f, 2f}, new double[] {
            0, 1 - 0.7615941559557649 * 0.7615941559557649, 1, 1 - 0.9640275800758169 * 0.9640275800758169});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new Tanh(), 0f);
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("Tanh()", new Tanh().toString());
        assertEquals("tanh", new Tanh().name());
    }
}
