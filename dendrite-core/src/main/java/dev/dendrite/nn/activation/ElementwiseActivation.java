package dev.dendrite.nn.activation;

import dev.dendrite.autograd.Elementwise;
import dev.dendrite.tensor.Tensor;

/**
 * An activation applied to each element on its own: a subclass writes the function
 * {@link #value(float)} and its derivative {@link #derivative(float, float)}, and gets a
 * differentiable tensor op for free.
 */
public abstract class ElementwiseActivation extends Activation implements Elementwise.Formula {
    @Override
    public Tensor forward(Tensor input) {
        return input.map(name(), this);
    }

    /** f(x) for one element. */
    @Override
    public abstract float value(float x);

    /** f'(x) for one element; {@code y} = f(x) is passed because many derivatives use it. */
    @Override
    public abstract float derivative(float x, float y);
}
