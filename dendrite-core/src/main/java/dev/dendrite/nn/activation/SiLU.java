package dev.dendrite.nn.activation;

/**
 * Sigmoid linear unit, also called Swish (Elfwing et al., 2017; Ramachandran et al., 2017):
 * {@code f(x) = x * sigmoid(x)}, and {@code f'(x) = s + x s (1 - s) = s (1 + x (1 - s))} with
 * {@code s = sigmoid(x)}.
 *
 * <p>A smooth ReLU-like curve with a small negative dip (minimum about -0.278 at x = -1.278). The
 * sigmoid is the stable form of {@link Sigmoid}, so large negative inputs give tiny negative values
 * rather than {@code -inf * 0 = NaN}. This is Swish with {@code beta = 1}, the form PyTorch and
 * EfficientNet use. Shape: any; the output has the input's shape.
 *
 * <pre>{@code new SiLU().forward(Tensor.vector(-1, 1))  // [-0.2689, 0.7311]}</pre>
 */
public final class SiLU extends ElementwiseActivation {
    @Override
    public float value(float x) {
        return (float) (x * Sigmoid.logistic(x));
    }

    @Override
    public float derivative(float x, float y) {
        double s = Sigmoid.logistic(x);
        return (float) (s * (1.0 + x * (1.0 - s)));
    }

    @Override
    public String name() {
        return "silu";
    }
}
