package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Locale;
import java.util.function.Function;

/**
 * Compares the gradients that backpropagation computes with central finite differences,
 * {@code (f(x + h) - f(x - h)) / 2h}, for any scalar function of tensors.
 *
 * <p>Tensors are float32, so the step cannot be tiny: the default {@code h = 1e-2} with the sum
 * evaluated in double keeps the rounding error near 1e-4 while the truncation error of the central
 * difference stays O(h²). A wrong backward (a missing factor, a wrong sign, a transposed product)
 * is off by far more than the tolerance.
 */
public final class GradientCheck {
    private final double step;
    private final double tolerance;

    /** A checker with the given step and relative/absolute tolerance. */
    public GradientCheck(double step, double tolerance) {
        this.step = step;
        this.tolerance = tolerance;
    }

    /** The default checker: step 1e-2, tolerance 1e-2. */
    public static GradientCheck standard() {
        return new GradientCheck(1e-2, 1e-2);
    }

    /**
     * Checks every input that requires a gradient. {@code function} must compute a tensor from
     * the inputs; the check reduces it to a scalar with fixed random weights, so every output
     * element's gradient is exercised. Inputs must be leaves: the result of an op never receives
     * a {@code grad()}, so it could only ever be reported as a mismatch.
     *
     * @return {@code null} when all gradients match, else a description of the first mismatch
     * @throws IllegalArgumentException if an input is the result of an op
     */
    public String check(Function<Tensor[], Tensor> function, Tensor... inputs) {
        for (int t = 0; t < inputs.length; t++) {
            if (inputs[t].creator() != null) {
                throw Validate.fail("GradientCheck",
                        "leaf inputs (pass x.detach().requiresGrad(true))",
                        "the result of " + inputs[t].creator().name() + " as input " + t + " " + inputs[t].shape());
            }
        }
        Tensor probe;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            probe = Tensor.uniform(12345L, -1f, 1f, function.apply(inputs).shape().dims());
        }
        for (Tensor input : inputs) {
            input.zeroGrad();
        }
        function.apply(inputs).mul(probe).sum().backward();
        for (int t = 0; t < inputs.length; t++) {
            Tensor input = inputs[t];
            if (!input.requiresGrad()) {
                continue;
            }
            float[] x = input.data();
            float[] analytic = input.grad() == null ? new float[x.length] : input.grad().data();
            for (int i = 0; i < x.length; i++) {
                float original = x[i];
                float up = (float) (original + step);
                float down = (float) (original - step);
                x[i] = up;
                double plus = weightedSum(function, inputs, probe);
                x[i] = down;
                double minus = weightedSum(function, inputs, probe);
                x[i] = original;
                // Divide by the step float32 actually took: x ± h is rounded, and at |x| ~ 1e4 the
                // rounding alone moves the quotient by a few percent.
                double numeric = (plus - minus) / ((double) up - down);
                double error = Math.abs(numeric - analytic[i]);
                if (!(error <= tolerance * Math.max(1.0, Math.abs(numeric)))) {
                    return String.format(Locale.ROOT,
                            "input %d %s element %d: backward gives %.6g, finite difference gives %.6g",
                            t, input.shape(), i, analytic[i], numeric);
                }
            }
        }
        return null;
    }

    private static double weightedSum(Function<Tensor[], Tensor> function, Tensor[] inputs, Tensor probe) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            float[] y = function.apply(inputs).data();
            float[] w = probe.data();
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += (double) y[i] * w[i];
            }
            return sum;
        }
    }
}
