package dev.dendrite.nn.activation;

import dev.dendrite.tensor.kernel.ActivationKernels;

/**
 * Rectified linear unit: {@code f(x) = max(0, x)}, {@code f'(x) = 1 if x > 0 else 0}.
 *
 * <p>The derivative at exactly 0 is taken as 0, as PyTorch and TensorFlow do: the function has no
 * derivative there, any value in [0, 1] is a valid subgradient, and 0 keeps units that sit at 0
 * from being pushed by noise. Shape: any; the output has the input's shape.
 *
 * <pre>{@code new ReLU().forward(Tensor.vector(-2, 0, 3))  // [0, 0, 3]}</pre>
 */
public final class ReLU extends ElementwiseActivation {
    @Override
    public float value(float x) {
        return x > 0 ? x : 0f;
    }

    @Override
    public float derivative(float x, float y) {
        return x > 0 ? 1f : 0f;
    }

    /** The whole tensor in one vectorised pass (same values as {@link #value}). */
    @Override
    public void values(float[] x, float[] y) {
        ActivationKernels.relu(x, y);
    }

    /** The whole backward product in one vectorised pass (same values as {@link #derivative}). */
    @Override
    public void gradients(float[] x, float[] y, float[] dy, float[] dx) {
        ActivationKernels.reluGradient(x, dy, dx);
    }

    @Override
    public String name() {
        return "relu";
    }
}
