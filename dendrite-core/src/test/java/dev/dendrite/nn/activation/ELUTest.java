package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ELUTest {
    @Test
    void matchesHandComputedValues() {
        // alpha (e^x - 1) below zero: e^-1 - 1 = -0.63212..., e^-20 - 1 = -0.99999999794
        float[] x = {-1000f, -20f, -5f, -1f, 0f, 1e-4f, 2f, 1e6f};
        assertValues(new ELU(), x, new double[] {
            -1, -0.9999999979388464, -0.9932620530009145, -0.6321205588285577, 0, 1e-4f, 2, 1e6});
        assertValues(new ELU(0.5f), new float[] {-1f, 3f}, new double[] {-0.31606027941427883, 3});
    }

    @Test
    void keepsPrecisionJustBelowZero() {
        // expm1(-1e-6) = -9.999995e-7; computing e^x - 1 in float would give -9.536743e-7.
        assertValues(new ELU(), new float[] {-1e-6f}, new double[] {-9.999995000001667e-07});
    }

    @Test
    void derivativeIsAlphaTimesExpBelowZero() {
        assertDerivatives(new ELU(2f), new float[] {-30f, -1f, 0f, 1f},
                new double[] {2 * 9.357622968840175e-14, 2 * 0.36787944117144233, 2, 1});
    }

    @Test
    void satisfiesTheActivationContract() {
        assertContract(new ELU(), 0.05f);
        assertContract(new ELU(0.3f), 0.05f);
    }

    @Test
    void rejectsNegativeOrNonFiniteAlpha() {
        for (float bad : new float[] {-1f, Float.NaN, Float.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ELU(bad));
            assertTrue(e.getMessage().startsWith("ELU: expected alpha >= 0, got alpha = "), e.getMessage());
        }
    }

    @Test
    void printsAndNamesItself() {
        assertEquals("ELU(alpha=1.0)", new ELU().toString());
        assertEquals("elu", new ELU().name());
    }
}
