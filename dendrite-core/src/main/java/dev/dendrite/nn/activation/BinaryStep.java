package dev.dendrite.nn.activation;

/**
 * Binary step (Heaviside): {@code f(x) = 1 if x >= 0 else 0}, the all-or-nothing unit of the
 * perceptron. Its true derivative is {@code f'(x) = 0} everywhere except at 0, where it does not
 * exist.
 *
 * <p><b>Training through it.</b> Because the derivative is 0, backpropagation sends a zero gradient
 * through this activation: every layer before it receives no signal and never learns. The plain
 * form ({@code new BinaryStep()}) is therefore for inference, for the article's picture, and for
 * models whose earlier layers are fixed.
 *
 * <p>{@code new BinaryStep(true)} uses the <i>straight-through estimator</i> (Bengio, Léonard and
 * Courville, 2013; in its clipped form from Hubara et al., 2016, "Binarized Neural Networks"): the
 * forward pass is still the step, but the backward pass pretends the unit was the identity on
 * {@code [-1, 1]}, {@code dx = dy if |x| <= 1 else 0}. The clip stops units far from the
 * threshold from being pushed further forever. That backward is deliberately <i>not</i> the
 * derivative of the forward pass, so a finite-difference gradient check does not apply to it.
 *
 * <p>The step at exactly 0 gives 1 (x >= 0), matching the usual perceptron convention. Shape:
 * any; the output has the input's shape. Immutable.
 *
 * <pre>{@code new BinaryStep().forward(Tensor.vector(-2, 0, 3))  // [0, 1, 1]}</pre>
 */
public final class BinaryStep extends ElementwiseActivation {
    private final boolean straightThrough;

    /** The plain step, whose backward gives a zero gradient. */
    public BinaryStep() {
        this(false);
    }

    /**
     * The step; with {@code straightThrough} its backward passes the gradient through unchanged
     * where {@code |x| <= 1} and gives 0 elsewhere, instead of the true derivative 0.
     */
    public BinaryStep(boolean straightThrough) {
        this.straightThrough = straightThrough;
    }

    /** Whether the backward pass uses the straight-through estimator. */
    public boolean straightThrough() {
        return straightThrough;
    }

    @Override
    public float value(float x) {
        return x >= 0 ? 1f : 0f;
    }

    @Override
    public float derivative(float x, float y) {
        if (!straightThrough) {
            return 0f;
        }
        return Math.abs(x) <= 1f ? 1f : 0f;
    }

    @Override
    public String name() {
        return straightThrough ? "binary_step_ste" : "binary_step";
    }

    @Override
    protected String extraRepr() {
        return "straightThrough=" + straightThrough;
    }
}
