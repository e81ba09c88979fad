package dev.dendrite.nn.activation;

import dev.dendrite.tensor.kernel.ActivationKernels;

/**
 * Logistic sigmoid: {@code f(x) = 1 / (1 + e^-x)}, with range (0, 1), and
 * {@code f'(x) = f(x) (1 - f(x))}.
 *
 * <p>Numerically stable for any x: for {@code x >= 0} it evaluates {@code 1 / (1 + e^-x)}, and for
 * {@code x < 0} the equal form {@code e^x / (1 + e^x)}, so the exponential never overflows (a naive
 * {@code 1 / (1 + e^-x)} at {@code x = -1000} computes {@code e^1000 = inf}; that happens to give 0
 * here, but the same expression inside other formulas gives {@code inf / inf = NaN}). Very negative
 * inputs give tiny positive values rather than rounding 1 - something to 0. Shape: any; the output
 * has the input's shape.
 *
 * <pre>{@code new Sigmoid().forward(Tensor.vector(0, 2))  // [0.5, 0.8808]}</pre>
 */
public final class Sigmoid extends ElementwiseActivation {
    @Override
    public float value(float x) {
        return ActivationKernels.sigmoid(x);
    }

    @Override
    public float derivative(float x, float y) {
        return y * (1f - y);
    }

    /** The stable logistic function in double precision, shared with {@link SiLU} and {@link Softplus}. */
    static double logistic(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** The whole tensor in one vectorised pass, within two float ulps of {@link #value}. */
    @Override
    public void values(float[] x, float[] y) {
        ActivationKernels.sigmoid(x, y);
    }

    /** The whole backward product in one pass (same values as {@link #derivative}). */
    @Override
    public void gradients(float[] x, float[] y, float[] dy, float[] dx) {
        ActivationKernels.sigmoidGradient(y, dy, dx);
    }

    @Override
    public String name() {
        return "sigmoid";
    }
}
