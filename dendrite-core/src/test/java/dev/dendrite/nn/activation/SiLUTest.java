package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SiLUTest {
    @Test
    void matchesXTimesSigmoid() {
        float[] x = {-1e4f, -20f, -5f, -1f, 0f, 1f, 2f, 5f, 20f, 1e4f};
        assertValues(new SiLU(), x, new double[] {
            0, -4.1223072363804067e-08, -0.03346425462142428, -0.2689414213699951, 0, 0.7310585786300049,
            1.7615941559557646, 4.966535745378576, 19.999999958776925, 1e4});
    }

    @Test
    void derivativeIsSigmoidTimesOnePlusXTimesOneMinusSigmoid() {
        double s1 = 0.7310585786300049;
        double s2 = 0.8807970779778823;
        assertDerivatives(new SiLU(), new float[] {-1e4f, -1f, 0f, 1f, 2f, 1e4f}, new double[] {
            0, (1 - s1) * (1 - s1), 0.5, s1 * (1 + (1 - s1)), s2 * (1 + 2 * (1 - s2)), 1});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new SiLU(), 0f);
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("SiLU()", new SiLU().toString());
        assertEquals("silu", new SiLU().name());
    }
}
