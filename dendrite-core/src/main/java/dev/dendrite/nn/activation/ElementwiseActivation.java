package dev.dendrite.nn.activation;

import dev.dendrite.autograd.Elementwise;
import dev.dendrite.tensor.Tensor;

/**
 * An activation applied to each element on its own: a subclass writes the function
 * {@link #value(float)} and its derivative {@link #derivative(float, float)}, and gets a
 * differentiable tensor op for free ({@code dx = dy * f'(x)}).
 *
 * <p>Shape: any; the output has the input's shape.
 */
public abstract class ElementwiseActivation extends Activation implements Elementwise.Formula {
    /**
     * Applies {@link #value(float)} to every element; records the op when gradients are on. Final:
     * a dense layer before the activation may apply it in its own op from {@link #values} and
     * {@link #gradients} alone ({@code Dense.forwardFused}), so the formula must be the whole of it.
     */
    @Override
    public final Tensor forward(Tensor input) {
        return input.map(name(), this);
    }

    /** f(x) for one element. */
    @Override
    public abstract float value(float x);

    /**
     * f'(x) for one element, the factor backpropagation multiplies the incoming gradient by;
     * {@code y} = f(x) is passed because many derivatives are cheapest from it.
     */
    @Override
    public abstract float derivative(float x, float y);

    /**
     * True: every activation here computes its gradient element by element, reading {@code dy[i]}
     * before writing {@code dx[i]}, so backward may write it over the incoming gradient. A subclass
     * whose own {@code gradients} does otherwise must return false.
     */
    @Override
    public boolean gradientsInPlace() {
        return true;
    }
}
