package dev.dendrite.nn.activation;

import dev.dendrite.tensor.kernel.ActivationKernels;

/**
 * Hyperbolic tangent: {@code f(x) = (e^x - e^-x) / (e^x + e^-x)}, with range (-1, 1), and
 * {@code f'(x) = 1 - f(x)^2}.
 *
 * <p>The derivative is computed from the output, which the forward pass already has, instead of
 * evaluating {@code 1 / cosh^2(x)} (which overflows for |x| above about 710 in double). The value
 * is computed as {@code (1 - e^(-2|x|)) / (1 + e^(-2|x|))} in double with the sign put back: only a
 * decaying exponential is evaluated, so nothing overflows, and {@link Math#exp} is a JIT intrinsic
 * where {@link Math#tanh} is not (it was the costliest call in a small network's training step).
 * Shape: any; the output has the input's shape.
 *
 * <pre>{@code new Tanh().forward(Tensor.vector(0, 1))  // [0, 0.7616]}</pre>
 */
public final class Tanh extends ElementwiseActivation {
    @Override
    public float value(float x) {
        return ActivationKernels.tanh(x);
    }

    @Override
    public float derivative(float x, float y) {
        return 1f - y * y;
    }

    /** The whole tensor in one vectorised pass, within two float ulps of {@link #value}. */
    @Override
    public void values(float[] x, float[] y) {
        ActivationKernels.tanh(x, y);
    }

    /** The whole backward product in one pass (same values as {@link #derivative}). */
    @Override
    public void gradients(float[] x, float[] y, float[] dy, float[] dx) {
        ActivationKernels.tanhGradient(y, dy, dx);
    }

    @Override
    public String name() {
        return "tanh";
    }
}
