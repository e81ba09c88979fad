package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SigmoidTest {
    @Test
    void matchesHandComputedValuesIncludingTheTails() {
        // 1 / (1 + e^-x); sigmoid(-20) = e^-20 / (1 + e^-20) must keep its relative precision.
        float[] x = {-20f, -5f, -1f, 0f, 1f, 2f, 5f, 20f};
        assertValues(new Sigmoid(), x, new double[] {
            2.0611536181902033e-09, 0.006692850924284856, 0.2689414213699951, 0.5, 0.7310585786300049,
            0.8807970779778823, 0.9933071490757153, 0.9999999979388463});
    }

    @Test
    void hugeInputsGiveZeroAndOneNotNaN() {
        assertValues(new Sigmoid(), new float[] {-1e4f, -Float.MAX_VALUE, 1e4f, Float.MAX_VALUE},
                new double[] {0, 0, 1, 1});
    }

    @Test
    void derivativeIsOutputTimesOneMinusOutput() {
        double s1 = 0.7310585786300049;
        assertDerivatives(new Sigmoid(), new float[] {-1e4f, -1f, 0f, 1f},
                new double[] {0, s1 * (1 - s1), 0.25, s1 * (1 - s1)});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new Sigmoid(), 0f);
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("Sigmoid()", new Sigmoid().toString());
        assertEquals("sigmoid", new Sigmoid().name());
    }
}
