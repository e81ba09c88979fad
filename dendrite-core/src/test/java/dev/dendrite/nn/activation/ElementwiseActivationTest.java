package dev.dendrite.nn.activation;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ElementwiseActivationTest {
    /** Tanh with a derivative off by a factor of 2: the shared gradient check must notice. */
    private static final class BrokenTanh extends ElementwiseActivation {
        @Override
        public float value(float x) {
            return (float) Math.tanh(x);
        }

        @Override
        public float derivative(float x, float y) {
            return 2f * (1f - y * y);
        }

        @Override
        public String name() {
            return "broken_tanh";
        }
    }

    @Test
    void gradientCheckCatchesAWrongDerivative() {
        Tensor x = ActivationAssertions.inputsAwayFromZero(1, 0f);
        String mismatch = GradientCheck.standard().check(in -> new BrokenTanh().forward(in[0]), x);
        assertNotNull(mismatch);
        assertTrue(mismatch.contains("backward gives"), mismatch);
    }

    @Test
    void gradientCheckCatchesAWrongSign() {
        ElementwiseActivation flipped = new ElementwiseActivation() {
            @Override
            public float value(float x) {
                return (float) Math.exp(-x);
            }

            @Override
            public float derivative(float x, float y) {
                return y;
            }

            @Override
            public String name() {
                return "flipped";
            }
        };
        Tensor x = ActivationAssertions.inputsAwayFromZero(2, 0f);
        assertNotNull(GradientCheck.standard().check(in -> flipped.forward(in[0]), x));
    }
}
