package dev.dendrite.nn.activation;

/**
 * Hyperbolic tangent: {@code f(x) = (e^x - e^-x) / (e^x + e^-x)}, with range (-1, 1), and
 * {@code f'(x) = 1 - f(x)^2}.
 *
 * <p>The derivative is computed from the output, which the forward pass already has, instead of
 * evaluating {@code 1 / cosh^2(x)} (which overflows for |x| above about 710 in double). The value
 * comes from {@link Math#tanh}, which saturates to exactly ±1 for large |x| without overflow.
 * Shape: any; the output has the input's shape.
 *
 * <pre>{@code new Tanh().forward(Tensor.vector(0, 1))  // [0, 0.7616]}</pre>
 */
public final class Tanh extends ElementwiseActivation {
    @Override
    public float value(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    public float derivative(float x, float y) {
        return 1f - y * y;
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public String toString() {
        return "Tanh()";
    }
}
