package dev.dendrite.nn.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/** The checks every activation's test shares, so one test per activation is a few lines. */
final class ActivationAssertions {
    /** Relative tolerance for values computed in double and stored as float32 (ulp is 6e-8). */
    static final double RELATIVE = 2e-6;

    private ActivationAssertions() {
    }

    /**
     * {@code activation.forward} of the vector {@code x} gives {@code expected} to a relative
     * tolerance, so tiny tail values such as sigmoid(-20) = 2.06e-9 must be right, not just small.
     */
    static void assertValues(Activation activation, float[] x, double[] expected) {
        float[] actual = activation.forward(Tensor.vector(x)).toArray();
        assertClose(activation + " at", x, expected, actual);
    }

    /** The gradient that backpropagation gives at each {@code x} equals {@code expected}. */
    static void assertDerivatives(Activation activation, float[] x, double[] expected) {
        Tensor input = Tensor.vector(x).requiresGrad(true);
        activation.forward(input).sum().backward();
        assertClose(activation + " derivative at", x, expected, input.grad().toArray());
    }

    private static void assertClose(String what, float[] x, double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + " " + Arrays.toString(x) + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = RELATIVE * Math.abs(expected[i]) + 1e-38;
            assertEquals(expected[i], actual[i], tolerance, what + " x = " + x[i]);
        }
    }

    /**
     * Random inputs in [-4, 4] of shape [3, 5], moved at least {@code kinkGap} away from 0 so the
     * finite differences (step 1e-2) never straddle a kink.
     */
    static Tensor inputsAwayFromZero(long seed, float kinkGap) {
        Tensor x = Tensor.uniform(seed, -4f, 4f, 3, 5);
        float[] data = x.data();
        for (int i = 0; i < data.length; i++) {
            data[i] += data[i] >= 0 ? kinkGap : -kinkGap;
        }
        return x.requiresGrad(true);
    }

    /** backward agrees with finite differences on random inputs away from 0. */
    static void assertGradientMatches(Activation activation, float kinkGap) {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor x = inputsAwayFromZero(seed, kinkGap);
            String mismatch = GradientCheck.standard().check(in -> activation.forward(in[0]), x);
            assertNull(mismatch, activation + ", seed " + seed + ": " + mismatch);
        }
    }

    /** The output has the input's shape for a scalar, a vector, a matrix and a 3-D tensor. */
    static void assertShapePreserved(Activation activation) {
        int[][] shapes = {{}, {7}, {2, 3}, {2, 3, 4}};
        for (int[] dims : shapes) {
            Tensor x = Tensor.normal(11L, 0f, 2f, dims);
            assertEquals(Shape.of(dims), activation.forward(x).shape(), activation + " on " + Shape.of(dims));
        }
    }

    /**
     * Used as a hidden layer, {@code Dense(3 -> 4), activation, Dense(4 -> 2)}, it computes the
     * same as calling the layers by hand, and backward reaches every parameter. Returns the model.
     */
    static Sequential assertWorksInSequential(Activation activation) {
        Random random = new Random(7);
        Dense first = new Dense(3, 4, random);
        Dense second = new Dense(4, 2, random);
        Sequential model = new Sequential(first, activation, second);
        Tensor x = Tensor.normal(5L, 0f, 1.5f, 5, 3);
        Tensor output = model.forward(x);
        assertEquals(Shape.of(5, 2), output.shape());
        Tensor byHand = second.forward(activation.forward(first.forward(x)));
        assertTrue(output.allClose(byHand, 0f), activation + " in Sequential: " + output + " vs " + byHand);
        output.sum().backward();
        for (Map.Entry<String, Tensor> parameter : model.namedParameters().entrySet()) {
            Tensor grad = parameter.getValue().grad();
            assertNotNull(grad, "no gradient for " + parameter.getKey());
            assertEquals(parameter.getValue().shape(), grad.shape(), parameter.getKey());
        }
        assertTrue(model.toString().contains(activation.toString()), model.toString());
        return model;
    }

    /** The usual contract: shape, gradient check, and a layer in a Sequential. */
    static void assertContract(Activation activation, float kinkGap) {
        assertShapePreserved(activation);
        assertGradientMatches(activation, kinkGap);
        assertWorksInSequential(activation);
    }
}
