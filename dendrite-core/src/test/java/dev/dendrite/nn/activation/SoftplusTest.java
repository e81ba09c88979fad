package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SoftplusTest {
    @Test
    void matchesLogOnePlusExpWithoutOverflow() {
        // ln(1 + e^x); at 1000 the naive form overflows to inf, at -20 it rounds to 0 in float.
        float[] x = {-20f, -5f, -1f, 0f, 1f, 2f, 5f, 20f, 1000f};
        assertValues(new Softplus(), x, new double[] {
            2.061153620314381e-09, 0.006715348489118068, 0.31326168751822286, 0.6931471805599453,
            1.3132616875182228, 2.1269280110429727, 5.006715348489118, 20.000000002061153, 1000});
    }

    @Test
    void derivativeIsTheSigmoid() {
        assertDerivatives(new Softplus(), new float[] {-1000f, -1f, 0f, 2f, 1000f},
                new double[] {0, 0.2689414213699951, 0.5, 0.8807970779778823, 1});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new Softplus(), 0f);
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("Softplus()", new Softplus().toString());
        assertEquals("softplus", new Softplus().name());
    }
}
