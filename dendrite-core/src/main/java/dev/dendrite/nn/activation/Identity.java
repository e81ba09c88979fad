package dev.dendrite.nn.activation;

/**
 * The identity, {@code f(x) = x}, {@code f'(x) = 1}: "no activation".
 *
 * <p>Useful where a layer's output must stay linear (a regression head, the logits fed to a
 * softmax cross-entropy loss) but a slot in a model spec needs an activation. Shape: any; the output
 * has the input's shape (a new tensor, so the graph still records the op).
 *
 * <pre>{@code new Identity().forward(Tensor.vector(-2, 3))  // [-2, 3]}</pre>
 */
public final class Identity extends ElementwiseActivation {
    @Override
    public float value(float x) {
        return x;
    }

    @Override
    public float derivative(float x, float y) {
        return 1f;
    }

    @Override
    public String name() {
        return "identity";
    }
}
