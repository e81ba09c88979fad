package dev.dendrite.nn;

import dev.dendrite.nn.activation.Activation;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * One neuron: a weight per input and a bias. Its output is the dot product of the inputs with the
 * weights, plus the bias, passed through an activation: {@code y = f(w · x + b)}.
 *
 * <p>Shapes: input {@code [inputs]} or a batch {@code [N, inputs]}; output a scalar {@code []} or
 * {@code [N]}. Parameters: {@code weight [inputs]}, {@code bias []}.
 *
 * <p>A {@link Dense} layer is many neurons sharing one input, computed as one matrix product.
 */
public final class Neuron extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final Activation activation;

    /** A neuron with the given weights and bias, and no activation (the identity). */
    public Neuron(float[] weights, float bias) {
        this(weights, bias, null);
    }

    /** A neuron with the given weights, bias and activation ({@code null} for none). */
    public Neuron(float[] weights, float bias, Activation activation) {
        this.weight = registerParameter("weight", Tensor.vector(weights));
        this.bias = registerParameter("bias", Tensor.scalar(bias));
        this.activation = activation;
    }

    /** The weights {@code [inputs]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, a scalar tensor. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        int n = weight.size();
        boolean single = input.rank() == 1;
        if (!(single && input.size() == n) && !(input.rank() == 2 && input.shape().dim(1) == n)) {
            throw Validate.fail(toString(), "input [" + n + "] or [N, " + n + "]", input.shape());
        }
        Tensor batch = single ? input.reshape(1, n) : input;
        Tensor z = batch.matmul(weight.reshape(n, 1)).add(bias).reshape(batch.shape().dim(0));
        Tensor y = activation == null ? z : activation.forward(z);
        return single ? y.reshape() : y;
    }

    /** The output for one sample given as plain numbers. */
    public float output(float... inputs) {
        return forward(Tensor.vector(inputs)).item();
    }

    @Override
    protected String extraRepr() {
        return "inputs=" + weight.size() + (activation == null ? "" : ", activation=" + activation.name());
    }
}
