package dev.dendrite.nn.activation;

/**
 * Softplus: {@code f(x) = ln(1 + e^x)}, a smooth ReLU with range (0, inf), and
 * {@code f'(x) = sigmoid(x)}.
 *
 * <p>Evaluated as {@code ln(1 + e^-|x|) + max(x, 0)} (with {@link Math#log1p}), which equals the
 * definition and never overflows: the naive form gives {@code inf} for x above about 89 in float,
 * while this one gives x; for very negative x it gives the tiny positive {@code e^x} instead of 0
 * from {@code ln(1 + tiny)}. Shape: any; the output has the input's shape.
 *
 * <pre>{@code new Softplus().forward(Tensor.vector(0, 100))  // [0.6931, 100]}</pre>
 */
public final class Softplus extends ElementwiseActivation {
    @Override
    public float value(float x) {
        return (float) (Math.log1p(Math.exp(-Math.abs((double) x))) + Math.max(x, 0.0));
    }

    @Override
    public float derivative(float x, float y) {
        return (float) Sigmoid.logistic(x);
    }

    @Override
    public String name() {
        return "softplus";
    }
}
