package dev.dendrite.nn.activation;

import dev.dendrite.tensor.Validate;
import java.util.Locale;

/**
 * Gaussian error linear unit (Hendrycks and Gimpel, 2016): {@code f(x) = x * Phi(x)}, where
 * {@code Phi(x) = (1 + erf(x / sqrt(2))) / 2} is the standard normal CDF, and
 * {@code f'(x) = Phi(x) + x * phi(x)} with the normal density {@code phi(x) = e^(-x^2/2) / sqrt(2 pi)}.
 *
 * <p>Two forms, chosen at construction as in PyTorch's {@code approximate} argument:
 * <ul>
 *   <li>{@link Approximation#NONE} (default, name {@code gelu}): the exact form above;</li>
 *   <li>{@link Approximation#TANH} (name {@code gelu_tanh}): the paper's approximation
 *   {@code f(x) = x/2 * (1 + tanh(u))}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, with
 *   {@code f'(x) = (1 + tanh u)/2 + x/2 * (1 - tanh^2 u) * sqrt(2/pi) (1 + 3 * 0.044715 x^2)},
 *   used by BERT and GPT-2; models trained with it should be run with it.</li>
 * </ul>
 *
 * <p>{@code Phi} is computed as {@code erfc(-x / sqrt(2)) / 2} with an erfc approximation that has
 * a small <i>relative</i> error everywhere, so the negative tail keeps its precision (GELU(-5) is
 * about -1.4e-6). The common shortcut of an erf with only absolute accuracy (Abramowitz-Stegun
 * 7.1.26, 1.5e-7) would leave {@code 1 + erf} there as mostly error. Shape: any; the output has the
 * input's shape. Immutable.
 *
 * <pre>{@code new GELU().forward(Tensor.vector(-1, 1))  // [-0.1587, 0.8413]}</pre>
 */
public final class GELU extends ElementwiseActivation {
    /** Which formula computes GELU. */
    public enum Approximation {
        /** The exact form through the error function. */
        NONE,
        /** The tanh approximation. */
        TANH;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double CUBIC = 0.044715;

    private final Approximation approximation;

    /** The exact GELU. */
    public GELU() {
        this(Approximation.NONE);
    }

    /** A GELU computed with the given {@code approximation}. */
    public GELU(Approximation approximation) {
        Validate.argument(approximation != null, "GELU", "an approximation (NONE or TANH)", "null");
        this.approximation = approximation;
    }

    /** The formula in use. */
    public Approximation approximation() {
        return approximation;
    }

    @Override
    public float value(float x) {
        if (approximation == Approximation.TANH) {
            return (float) (0.5 * x * (1.0 + Math.tanh(tanhArgument(x))));
        }
        return (float) (x * normalCdf(x));
    }

    @Override
    public float derivative(float x, float y) {
        if (approximation == Approximation.TANH) {
            double t = Math.tanh(tanhArgument(x));
            double du = SQRT_2_OVER_PI * (1.0 + 3.0 * CUBIC * x * x);
            return (float) (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du);
        }
        double density = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        return (float) (normalCdf(x) + x * density);
    }

    private static double tanhArgument(double x) {
        return SQRT_2_OVER_PI * (x + CUBIC * x * x * x);
    }

    /** The standard normal CDF, {@code Phi(x) = erfc(-x / sqrt 2) / 2}. */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x * INV_SQRT_2);
    }

    /**
     * The complementary error function {@code erfc(z) = 1 - erf(z)}, with relative error below
     * 1.2e-7 for every z: the Chebyshev-fitted form {@code t * exp(-z^2 + P(t))},
     * {@code t = 1 / (1 + z/2)}, from Numerical Recipes (2nd ed., section 6.2), which is as
     * accurate as float32 can hold. Negative z uses {@code erfc(-z) = 2 - erfc(z)}.
     */
    static double erfc(double z) {
        double a = Math.abs(z);
        double t = 1.0 / (1.0 + 0.5 * a);
        double polynomial = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double result = t * Math.exp(-a * a + polynomial);
        return z >= 0 ? result : 2.0 - result;
    }

    /** The error function, {@code erf(z) = 1 - erfc(z)}; absolute error below 1.2e-7. */
    static double erf(double z) {
        return 1.0 - erfc(z);
    }

    @Override
    public String name() {
        return approximation == Approximation.TANH ? "gelu_tanh" : "gelu";
    }

    @Override
    protected String extraRepr() {
        return "approximation=" + approximation;
    }
}
