package dev.dendrite.nn.activation;

import static dev.dendrite.nn.activation.ActivationAssertions.assertContract;
import static dev.dendrite.nn.activation.ActivationAssertions.assertDerivatives;
import static dev.dendrite.nn.activation.ActivationAssertions.assertValues;
import static dev.dendrite.nn.activation.ActivationAssertions.assertWorksInSequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BinaryStepTest {
    private static final float[] X = {-1e6f, -2f, -1f, -0.5f, 0f, 0.5f, 1f, 2f, 1e6f};

    @Test
    void isOneFromZeroUpAndZeroBelow() {
        double[] expected = {0, 0, 0, 0, 1, 1, 1, 1, 1};
        assertValues(new BinaryStep(), X, expected);
        assertValues(new BinaryStep(true), X, expected);
    }

    @Test
    void plainFormHasZeroDerivativeEverywhere() {
        assertDerivatives(new BinaryStep(), X, new double[X.length]);
    }

    @Test
    void straightThroughPassesTheGradientOnMinusOneToOne() {
        assertDerivatives(new BinaryStep(true), X, new double[] {0, 0, 1, 1, 1, 1, 1, 0, 0});
    }

    @Test
    void plainFormSatisfiesTheActivationContract() {
        assertContract(new BinaryStep(), 0.05f);
    }

    @Test
    void straightThroughIsNotTheTrueDerivative() {
        Tensor x = Tensor.uniform(3L, -1f, 1f, 4, 4).requiresGrad(true);
        BinaryStep step = new BinaryStep(true);
        assertNotNull(GradientCheck.standard().check(in -> step.forward(in[0]), x));
    }

    @Test
    void earlierLayersLearnNothingThroughThePlainStepButDoWithStraightThrough() {
        Sequential plain = assertWorksInSequential(new BinaryStep());
        assertEquals(0.0, maxAbs(plain.namedParameters().get("layers.0.weight").grad()), 0.0);
        Sequential straightThrough = assertWorksInSequential(new BinaryStep(true));
        assertNotEquals(0.0, maxAbs(straightThrough.namedParameters().get("layers.0.weight").grad()));
    }

    private static double maxAbs(Tensor t) {
        double max = 0;
        for (float v : t.data()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void printsAndNamesBothForms() {
        assertEquals("BinaryStep(straightThrough=false)", new BinaryStep().toString());
        assertEquals("BinaryStep(straightThrough=true)", new BinaryStep(true).toString());
        assertEquals("binary_step", new BinaryStep().name());
        assertEquals("binary_step_ste", new BinaryStep(true).name());
    }
}
