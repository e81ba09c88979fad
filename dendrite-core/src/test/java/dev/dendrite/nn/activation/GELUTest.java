package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GELUTest {
    private static final float[] X = {-20f, -5f, -1f, 0f, 1f, 2f, 5f, 20f};

    @Test
    void exactFormMatchesXTimesTheNormalCdf() {
        // x * Phi(x); GELU(-5) = -5 * 2.8665e-7 keeps its relative precision through erfc.
        assertValues(new GELU(), X, new double[] {
            -5.507248237212663e-88, -1.4332578593959731e-06, -0.15865525393145707, 0, 0.8413447460685429,
            1.9544997361036416, 4.99999856674214, 20});
    }

    @Test
    void exactDerivativeIsCdfPlusXTimesDensity() {
        assertDerivatives(new GELU(), X, new double[] {
            -1.1014360483133464e-86, -7.146946001792295e-06, -0.08331547058768629, 0.5, 1.0833154705876864,
            1.085231801078197, 1.0000071469460017, 1});
    }

    @Test
    void tanhFormMatchesThePapersApproximation() {
        // x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        assertValues(new GELU(GELU.Approximation.TANH), X, new double[] {
            0, -2.2917961972623857e-07, -0.15880800939172324, 0, 0.8411919906082768, 1.954597694087775,
            4.999999770820381, 20});
    }

    @Test
    void errorFunctionIsAccurateToFloatPrecision() {
        double[] z = {0.1, 0.5, 1, 2, 3};
        double[] erf = {0.1124629160182849, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527,
            0.9999779095030014};
        for (int i = 0; i < z.length; i++) {
            assertEquals(erf[i], GELU.erf(z[i]), 1.2e-7, "erf(" + z[i] + ")");
            assertEquals(-erf[i], GELU.erf(-z[i]), 1.2e-7, "erf(-" + z[i] + ")");
        }
        assertEquals(0.0, GELU.erf(0), 1.2e-7);
        assertEquals(2.2090496998585438e-05, GELU.erfc(3), 2.2090496998585438e-05 * 1.2e-7);
        assertEquals(1.5374597944280351e-12, GELU.erfc(5), 1.5374597944280351e-12 * 1.2e-7);
        assertEquals(1.9953222650189528, GELU.erfc(-2), 1.2e-7);
    }

    @Test
    void bothFormsSatisfyTheActivationContract() {
        assertContract(new GELU(), 0f);
        assertContract(new GELU(GELU.Approximation.TANH), 0f);
    }

    @Test
    void rejectsAMissingApproximation() {
        assertThrows(IllegalArgumentException.class, () -> new GELU(null));
    }

    @Test
    void printsAndNamesBothForms() {
        assertEquals("GELU(approximation=none)", new GELU().toString());
        assertEquals("GELU(approximation=tanh)", new GELU(GELU.Approximation.TANH).toString());
        assertEquals("gelu", new GELU().name());
        assertEquals("gelu_tanh", new GELU(GELU.Approximation.TANH).name());
    }
}
