package dev.dendrite.autograd;

import static dev.dendrite.testing.TensorAssert.assertGradientsMatch;
import static dev.dendrite.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The checker must catch a wrong backward, or every gradient test built on it proves nothing. */
class GradientCheckTest {
    /** y = x², with a backward that returns {@code factor · x · dy} instead of {@code 2x · dy}. */
    private static final class Square extends Op {
        private final float factor;
        private Tensor x;

        Square(float factor) {
            this.factor = factor;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            x = inputs[0];
            return x.mul(x);
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            return new Tensor[] {gradOutput.mul(x).mul(factor)};
        }
    }

    /** y = a·b element-wise, with a backward that forgets to sum the gradient of a broadcast b. */
    private static final class MulWithoutUnbroadcast extends Op {
        private Tensor a;

        @Override
        protected Tensor forward(Tensor... inputs) {
            a = inputs[0];
            return a.mul(inputs[1]);
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            // Wrong on purpose: takes the first row of g·a instead of summing over rows.
            return new Tensor[] {null, gradOutput.mul(a).sliceRows(0, 1).reshape(-1)};
        }
    }

    private static Tensor input() {
        return Tensor.uniform(3L, 0.5f, 2f, 3, 4).requiresGrad(true);
    }

    @Test
    void acceptsTheCorrectBackward() {
        assertNull(GradientCheck.standard().check(in -> new Square(2f).apply(in[0]), input()));
        assertGradientsMatch(in -> new Square(2f).apply(in[0]), input());
    }

    @Test
    void rejectsAMissingFactor() {
        String report = GradientCheck.standard().check(in -> new Square(1f).apply(in[0]), input());
        assertNotNull(report, "a backward of x instead of 2x must be caught");
        assertTrue(report.contains("input 0 [3, 4]"), report);
        assertTrue(report.contains("backward gives"), report);
        assertThrows(AssertionFailedError.class, () -> assertGradientsMatch(in -> new Square(1f).apply(in[0]),
                input()));
    }

    @Test
    void rejectsAWrongSign() {
        assertNotNull(GradientCheck.standard().check(in -> new Square(-2f).apply(in[0]), input()));
    }

    @Test
    void rejectsAFivePercentError() {
        assertNotNull(GradientCheck.standard().check(in -> new Square(2.1f).apply(in[0]), input()));
        assertNotNull(GradientCheck.standard().check(in -> new Square(1.9f).apply(in[0]), input()));
    }

    @Test
    void rejectsAWrongBackwardOnlyForTheInputThatHasOne() {
        Tensor a = Tensor.uniform(4L, 0.5f, 2f, 3, 4);
        Tensor b = Tensor.uniform(5L, 0.5f, 2f, 4).requiresGrad(true);
        String report = GradientCheck.standard().check(in -> new MulWithoutUnbroadcast().apply(in[0], in[1]), a, b);
        assertNotNull(report);
        assertTrue(report.contains("input 1 [4]"), report);
    }

    @Test
    void rejectsAMissingGradient() {
        Tensor x = input();
        String report = GradientCheck.standard().check(in -> in[0].mul(in[0].detach()), x);
        assertNotNull(report, "detach hides half of d(x²)/dx, which the checker must notice");
    }

    @Test
    void catchesAWrongBackwardNearZeroToo() {
        Tensor small = Tensor.uniform(6L, -0.3f, 0.3f, 5).requiresGrad(true);
        Tensor big = Tensor.uniform(6L, 50f, 60f, 5).requiresGrad(true);
        assertNull(GradientCheck.standard().check(in -> new Square(2f).apply(in[0]), big),
                "float32 rounding at large values stays within tolerance");
        assertNotNull(GradientCheck.standard().check(in -> new Square(2.1f).apply(in[0]), big));
        assertNull(GradientCheck.standard().check(in -> new Square(2f).apply(in[0]), small));
        assertNotNull(new GradientCheck(1e-2, 1e-3).check(in -> new Square(1f).apply(in[0]), small),
                "a tighter tolerance sees a missing factor on small values");
    }

    @Test
    void acceptsACorrectBackwardAtLargeInputValues() {
        // Near 1e4 a float32 step of 0.01 rounds to 0.0098 or 0.0107: the quotient must use the step taken.
        Tensor x = Tensor.uniform(6L, 10_000f, 10_001f, 8).requiresGrad(true);
        assertNull(GradientCheck.standard().check(in -> in[0].sub(10_000f), x));
        assertNotNull(GradientCheck.standard().check(in -> new Square(2.1f).apply(in[0].sub(10_000f)), x));
    }

    @Test
    void rejectsAnInputThatIsTheResultOfAnOp() {
        Tensor h = Tensor.vector(1, 2, 3).requiresGrad(true).mul(2f);
        assertThrowsMentioning(IllegalArgumentException.class,
                () -> GradientCheck.standard().check(in -> in[0].exp(), h), "GradientCheck", "leaf", "mul", "[3]");
        assertNull(GradientCheck.standard().check(in -> in[0].exp(), h.detach().requiresGrad(true)));
    }

    @Test
    void restoresTheInputValues() {
        Tensor x = input();
        float[] before = x.toArray();
        GradientCheck.standard().check(in -> in[0].exp(), x);
        assertTrue(java.util.Arrays.equals(before, x.data()));
    }
}
